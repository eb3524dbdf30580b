//! write stage (stub).
