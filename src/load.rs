//! load stage (stub).
