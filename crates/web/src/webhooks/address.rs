//! Where a webhook may be sent: in production only `https` URLs whose host resolves to public
//! addresses — never private, loopback, link-local, unique-local or otherwise special ones,
//! so that an endpoint cannot make the server reach into its own network. The check runs when
//! an endpoint is saved and again at each send, on the addresses then connected to, so a
//! name that later resolves elsewhere (DNS rebinding) is refused too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use url::Url;

/// Why a URL cannot receive webhooks (the message id of the field's error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not an absolute http(s) URL with a host, or has a user name or password.
    NotAUrl,
    /// `http` where only `https` is allowed.
    NotHttps,
    /// The host does not resolve.
    Unresolved,
    /// The host resolves to a private, loopback or other non-public address.
    NotPublic,
}

impl Refused {
    /// A stable code, for the delivery log (`unresolved`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NotAUrl => "not_a_url",
            Self::NotHttps => "not_https",
            Self::Unresolved => "unresolved",
            Self::NotPublic => "not_public",
        }
    }

    /// The translation id of the message.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::NotAUrl => "invalid-webhook-url",
            Self::NotHttps => "invalid-webhook-https",
            Self::Unresolved => "invalid-webhook-unresolved",
            Self::NotPublic => "invalid-webhook-private",
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotAUrl => "not an http(s) URL",
            Self::NotHttps => "only https URLs are allowed",
            Self::Unresolved => "the host does not resolve",
            Self::NotPublic => "the host resolves to a private or local address",
        })
    }
}

/// Reads a webhook URL: absolute, `https` (or `http` when local ones are allowed), a host,
/// no credentials, at most 2,000 characters.
pub fn parse(raw: &str, allow_local: bool) -> Result<Url, Refused> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 2000 {
        return Err(Refused::NotAUrl);
    }
    let url = Url::parse(raw).map_err(|_| Refused::NotAUrl)?;
    if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(Refused::NotAUrl);
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if allow_local => Ok(url),
        "http" => Err(Refused::NotHttps),
        _ => Err(Refused::NotAUrl),
    }
}

/// The addresses to connect to for `url`, all of them public unless local ones are allowed.
pub async fn resolve(url: &Url, allow_local: bool) -> Result<Vec<SocketAddr>, Refused> {
    let port = url.port_or_known_default().ok_or(Refused::NotAUrl)?;
    let addrs: Vec<SocketAddr> = match url.host() {
        Some(url::Host::Ipv4(ip)) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
        Some(url::Host::Ipv6(ip)) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
        Some(url::Host::Domain(name)) => tokio::net::lookup_host((name, port))
            .await
            .map_err(|_| Refused::Unresolved)?
            .collect(),
        None => return Err(Refused::NotAUrl),
    };
    if addrs.is_empty() {
        return Err(Refused::Unresolved);
    }
    // One non-public answer refuses the name: a receiver gets no say in which is used.
    if !allow_local && addrs.iter().any(|a| !is_public(a.ip())) {
        return Err(Refused::NotPublic);
    }
    Ok(addrs)
}

/// Whether `ip` is a public unicast address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, 192.0.0.0/24.
        || (a == 192 && b == 0 && c == 0)
        // Benchmarking, 198.18.0.0/15.
        || (a == 198 && (b == 18 || b == 19))
        // Reserved, 240.0.0.0/4.
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // NAT64 (64:ff9b::/96) reaches the IPv4 address it embeds.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        let [a, b] = s[6].to_be_bytes();
        let [c, d] = s[7].to_be_bytes();
        return is_public_v4(Ipv4Addr::new(a, b, c, d));
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local, fc00::/7.
        || (s[0] & 0xfe00) == 0xfc00
        // Link-local, fe80::/10, and the old site-local, fec0::/10.
        || (s[0] & 0xffc0) == 0xfe80
        || (s[0] & 0xffc0) == 0xfec0
        // Documentation, 2001:db8::/32.
        || (s[0] == 0x2001 && s[1] == 0x0db8)
        // IPv4-compatible (deprecated) and other addresses in ::/96.
        || s[..6] == [0, 0, 0, 0, 0, 0]
        // 6to4 (2002::/16) embeds an IPv4 address that may be private.
        || s[0] == 0x2002)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for ip in [
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
            "2002:a00:1::",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "::ffff:1.1.1.1",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn only_https_urls_with_a_host_unless_local_ones_are_allowed() {
        assert!(parse("https://hooks.example.org/in", false).is_ok());
        assert_eq!(
            parse("http://hooks.example.org/in", false),
            Err(Refused::NotHttps)
        );
        assert!(parse("http://127.0.0.1:9000/in", true).is_ok());
        for bad in [
            "",
            "hooks.example.org",
            "ftp://x.org/",
            "https://u:p@x.org/",
            "mailto:a@b.c",
        ] {
            assert_eq!(parse(bad, true), Err(Refused::NotAUrl), "{bad}");
        }
    }

    #[tokio::test]
    async fn loopback_is_refused_without_the_flag() {
        let url = parse("https://127.0.0.1:8443/", false).unwrap();
        assert_eq!(resolve(&url, false).await, Err(Refused::NotPublic));
        assert!(resolve(&url, true).await.is_ok());
        let url = parse("https://localhost/", false).unwrap();
        assert_eq!(resolve(&url, false).await, Err(Refused::NotPublic));
    }
}
