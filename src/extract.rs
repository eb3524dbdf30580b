//! extract stage (stub).
