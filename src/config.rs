//! config stage (stub).
