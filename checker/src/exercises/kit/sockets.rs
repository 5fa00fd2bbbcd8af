//! The sockets a server still holds for clients that have left: a TCP socket still in the
//! table with a client's port (CLOSE_WAIT, say), or one whose connection is over (it left the
//! table) but whose descriptor is still open. Its listening socket and sockets of its own
//! (Unix, UDP, netlink, other connections) are not counted.

use std::collections::BTreeSet;

use crate::base::i18n::{Text, msg};
use crate::contain::procinfo;

/// Every socket inode the server's process tree holds: take it before any client comes, so
/// that what the server holds for itself is left out later.
pub fn held(server: i32) -> BTreeSet<u64> {
    procinfo::tree(server)
        .iter()
        .flat_map(|&p| procinfo::socket_inodes(p))
        .collect()
}

/// What the server's process tree still holds for the clients whose local ports are
/// `client_ports`, beyond the sockets it held `before`: one line each, for a failure.
pub fn left_for_clients(server: i32, before: &BTreeSet<u64>, client_ports: &[u16]) -> Vec<Text> {
    let pids = procinfo::tree(server);
    let table: Vec<procinfo::TcpSocket> = pids
        .iter()
        .flat_map(|&p| procinfo::tcp_sockets(p))
        .collect();
    let not_tcp = procinfo::non_tcp_socket_inodes(server);
    held(server)
        .difference(before)
        .filter(|inode| !not_tcp.contains(inode))
        .filter_map(
            |&inode| match table.iter().find(|sock| sock.inode == inode) {
                Some(sock) if client_ports.contains(&sock.remote_port) => Some(msg!(
                    "sockets-in-state",
                    state = sock.state.to_string(),
                    port = sock.remote_port.to_string()
                )),
                Some(_) => None,
                None => Some(msg!("sockets-descriptor-open")),
            },
        )
        .collect()
}
