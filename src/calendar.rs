//! Working days from the State Council holiday notices in data/holidays.
