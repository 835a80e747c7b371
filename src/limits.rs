//! Time limits, frequencies, thresholds and quorums found in an article's text.
