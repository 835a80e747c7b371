//! The one retry policy: exponential backoff from a first delay, doubling up
//! to a cap, for a bounded number of attempts. Requests to a platform and
//! reminder deliveries use it with their own figures.

use std::time::Duration;

/// How failures are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait before the first retry.
    pub first: Duration,
    /// The longest wait.
    pub max: Duration,
    /// Retries after the first try; then the caller gives up.
    pub attempts: u32,
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (1-based): first, 2×first, 4×first
    /// … at most `max`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(20);
        self.first.saturating_mul(1 << doublings).min(self.max)
    }

    /// Has retry number `attempt` (1-based) gone past the policy?
    pub fn exhausted(&self, attempt: u32) -> bool {
        attempt > self.attempts
    }
}

/// Requests to a chat platform: 0.5 s, 1 s, 2 s … at most 15 s, five retries.
pub const REQUESTS: RetryPolicy = RetryPolicy {
    first: Duration::from_millis(500),
    max: Duration::from_secs(15),
    attempts: 5,
};

/// Delivering a due reminder: 2 s, 4 s … at most 5 minutes, 24 retries (about
/// an hour and a half in all), then the reminder is given up and logged.
pub const DELIVERIES: RetryPolicy = RetryPolicy {
    first: Duration::from_secs(2),
    max: Duration::from_secs(300),
    attempts: 24,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(REQUESTS.delay(1), Duration::from_millis(500));
        assert_eq!(REQUESTS.delay(2), Duration::from_secs(1));
        assert_eq!(REQUESTS.delay(30), Duration::from_secs(15));
        assert_eq!(REQUESTS.delay(u32::MAX), Duration::from_secs(15));
        assert_eq!(DELIVERIES.delay(1), Duration::from_secs(2));
        assert_eq!(DELIVERIES.delay(9), Duration::from_secs(300));
        assert!(!DELIVERIES.exhausted(24) && DELIVERIES.exhausted(25));
        let total: Duration = (1..=DELIVERIES.attempts).map(|a| DELIVERIES.delay(a)).sum();
        assert!(total > Duration::from_secs(3600), "{total:?}");
    }
}
