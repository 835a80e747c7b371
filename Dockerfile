# rulebot: multi-stage build. The runtime image holds the binary, data/ and intents/,
# runs as a non-root user, and keeps the sled store on a volume.
#
#   docker build -t rulebot .
#   docker run -d --name rulebot -e TELOXIDE_TOKEN=123:abc -v rulebot-store:/var/lib/rulebot rulebot
#   docker run --rm rulebot rulebot ask "株洲市政府常务会议多久开一次?"

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY crates ./crates
COPY tests ./tests
COPY benches ./benches
RUN cargo build --release --locked --bin rulebot \
    && strip target/release/rulebot

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/rulebot --create-home rulebot
COPY --from=build /src/target/release/rulebot /usr/local/bin/rulebot
# data/ belongs to rulebot: a document uploaded from a chat and confirmed is written
# into data/rules/ (mount a volume there to keep uploads across new containers).
COPY --chown=10001:10001 data /opt/rulebot/data
COPY intents /opt/rulebot/intents
ENV RULEBOT_DATA=/opt/rulebot/data \
    RULEBOT_INTENTS=/opt/rulebot/intents \
    RULEBOT_DB=/var/lib/rulebot/store \
    RUST_LOG=info
VOLUME ["/var/lib/rulebot"]
USER rulebot
WORKDIR /var/lib/rulebot
CMD ["rulebot", "serve"]
