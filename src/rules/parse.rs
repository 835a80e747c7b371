//! Scraped page → articles.
