//! json stage (stub).
