//! 钉钉's callback signature, pure: the `sign` header is
//! Base64(HMAC-SHA256(key = appSecret, message = "timestamp\nappSecret")) and
//! the `timestamp` header (milliseconds) must be within an hour of now.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use thiserror::Error;

/// How far a callback's timestamp may be from now, in milliseconds.
pub const WINDOW_MS: i64 = 3_600_000;

/// Why a callback's signature headers were refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignError {
    /// The timestamp or sign header is missing.
    #[error("timestamp or sign header missing")]
    Missing,
    /// The timestamp is not a number or more than an hour from now.
    #[error("timestamp outside the window")]
    Stale,
    /// The signature does not match.
    #[error("signature mismatch")]
    BadSignature,
}

/// The signature of a timestamp (as sent, in milliseconds).
pub fn sign(app_secret: &str, timestamp: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.as_bytes());
    mac.update(b"\n");
    mac.update(app_secret.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Checks the headers: the timestamp within [`WINDOW_MS`] of `now_ms`, then the
/// signature (in constant time).
pub fn verify(
    app_secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    now_ms: i64,
) -> Result<(), SignError> {
    let (Some(ts), Some(sig)) = (timestamp, signature) else {
        return Err(SignError::Missing);
    };
    let at: i64 = ts.trim().parse().map_err(|_| SignError::Stale)?;
    let expected = sign(app_secret, ts.trim());
    if !crate::wecom::crypto::constant_time_eq(expected.as_bytes(), sig.trim().as_bytes()) {
        return Err(SignError::BadSignature);
    }
    if (now_ms - at).abs() > WINDOW_MS {
        return Err(SignError::Stale);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "dingtestsecret_ABCdef123";

    /// Computed by an independent implementation (Python hmac + base64).
    #[test]
    fn matches_an_independent_signature() {
        assert_eq!(
            sign(SECRET, "1700000000000"),
            "sMDOUdI5tWtB1lAu+M+iDQCsaFdxEV0M9oEBYKjdaRY="
        );
    }

    #[test]
    fn verifies_within_the_hour_only() {
        let ts = "1700000000000";
        let s = sign(SECRET, ts);
        let now = 1_700_000_000_000;
        assert_eq!(verify(SECRET, Some(ts), Some(&s), now), Ok(()));
        assert_eq!(verify(SECRET, Some(ts), Some(&s), now + WINDOW_MS), Ok(()));
        assert_eq!(
            verify(SECRET, Some(ts), Some(&s), now + WINDOW_MS + 1),
            Err(SignError::Stale)
        );
        assert_eq!(
            verify(SECRET, Some(ts), Some(&s), now - WINDOW_MS - 1),
            Err(SignError::Stale)
        );
        assert_eq!(
            verify("other", Some(ts), Some(&s), now),
            Err(SignError::BadSignature)
        );
        assert_eq!(verify(SECRET, None, Some(&s), now), Err(SignError::Missing));
        assert_eq!(verify(SECRET, Some(ts), None, now), Err(SignError::Missing));
        assert_eq!(
            verify(SECRET, Some("soon"), Some(&s), now),
            Err(SignError::Stale)
        );
    }
}
