//! Which `Host` a request may name. A page on another site can point a
//! name it owns at 127.0.0.1 (DNS rebinding) and then read this server as
//! its own origin: its requests carry that name as their `Host`. So only
//! names that cannot be rebound are answered:
//!
//! 1. `no_host_is_answered`: no `Host` at all (tools speaking HTTP/1.0; a
//!    browser always sends one).
//! 2. `loopback_names_are_answered`: `localhost` and `*.localhost`, which
//!    browsers resolve to loopback themselves.
//! 3. `loopback_and_bound_addresses_are_answered`: an IP literal that is a
//!    loopback address or the address the server is bound to; any IP
//!    literal when it is bound to all addresses (`--bind 0.0.0.0`), since an
//!    address names no origin an attacker can rebind.
//! 4. `other_names_are_refused`: anything else, with 421 Misdirected
//!    Request.
//!
//! The port is not compared: a rebinding page's requests carry its name,
//! whatever the port.

use std::net::IpAddr;

/// Whether a request naming `host` (the `Host` header, or the authority of
/// an absolute-form target; `None` when it names none) is answered by a
/// server bound to `bound`.
pub fn allowed(host: Option<&str>, bound: IpAddr) -> bool {
    let Some(host) = host else {
        return true;
    };
    let name = strip_port(host.trim()).trim_end_matches('.');
    if name.eq_ignore_ascii_case("localhost")
        || name.len() > ".localhost".len()
            && name[name.len() - ".localhost".len()..].eq_ignore_ascii_case(".localhost")
    {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    match literal.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

/// `host` without a `:port` (an IPv6 literal keeps its brackets).
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => &host[..=end],
            None => host,
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;
    use std::net::IpAddr;

    const LOOPBACK: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn no_host_is_answered() {
        assert!(allowed(None, LOOPBACK));
    }

    #[test]
    fn loopback_names_are_answered() {
        for host in [
            "localhost",
            "localhost:8000",
            "LOCALHOST.",
            "site.localhost:1",
        ] {
            assert!(allowed(Some(host), LOOPBACK), "{host}");
        }
    }

    #[test]
    fn loopback_and_bound_addresses_are_answered() {
        for host in [
            "127.0.0.1",
            "127.0.0.1:8000",
            "127.1.2.3",
            "[::1]",
            "[::1]:8000",
        ] {
            assert!(allowed(Some(host), LOOPBACK), "{host}");
        }
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        assert!(allowed(Some("192.168.1.5:8000"), lan));
        assert!(!allowed(Some("192.168.1.6:8000"), lan));
        let all: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(allowed(Some("10.0.0.7:8000"), all));
    }

    #[test]
    fn other_names_are_refused() {
        for host in [
            "attacker.example",
            "attacker.example:8000",
            "localhost.attacker.example",
            "127.0.0.1.nip.io",
            "",
            "[::1",
            "evil.localhost.example",
        ] {
            assert!(!allowed(Some(host), LOOPBACK), "{host}");
        }
        // Bound to all addresses, a name is still refused.
        assert!(!allowed(
            Some("attacker.example"),
            "0.0.0.0".parse().unwrap()
        ));
    }
}
