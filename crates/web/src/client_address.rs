//! The client's address: the connection's peer, or, when the peer is a configured trusted proxy
//! ([`crate::state::SiteConfig::trusted_proxies`]), the address that proxy put last in
//! `X-Forwarded-For` (the one it saw; anything before it was written by the client and is not
//! believed). Used by the sign-in throttle and the limits on the public's posts and uploads.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap};

/// The client address of a request with these extensions and headers.
pub fn of(extensions: &Extensions, headers: &HeaderMap, trusted_proxies: &[IpAddr]) -> IpAddr {
    let peer = extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let peer = peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .next_back()
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: &str, forwarded: &[&str]) -> (Extensions, HeaderMap) {
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
        let mut headers = HeaderMap::new();
        for f in forwarded {
            headers.append("x-forwarded-for", f.parse().unwrap());
        }
        (extensions, headers)
    }

    #[test]
    fn only_a_trusted_proxy_is_believed_and_only_for_the_address_it_added() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let (e, h) = request("10.0.0.2", &["1.2.3.4, 203.0.113.7"]);
        assert_eq!(of(&e, &h, &[proxy]), "203.0.113.7".parse::<IpAddr>().unwrap());
        assert_eq!(of(&e, &h, &[]), proxy, "no proxy configured: the header is ignored");
        let (e, h) = request("198.51.100.9", &["203.0.113.7"]);
        assert_eq!(of(&e, &h, &[proxy]), "198.51.100.9".parse::<IpAddr>().unwrap(), "a client cannot forge it");
        let (e, h) = request("10.0.0.2", &["not an address"]);
        assert_eq!(of(&e, &h, &[proxy]), proxy);
    }
}
