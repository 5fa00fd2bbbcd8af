//! The sockets a server still holds for clients that have left: a TCP socket still in the
//! table with a client's port (CLOSE_WAIT, say), or one whose connection is over (it left the
//! table) but whose descriptor is still open. Its listening socket and sockets of its own
//! (Unix, UDP, netlink, other connections) are not counted.

use std::collections::BTreeSet;
use std::time::Instant;

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

/// A socket a server still holds for a client that has left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Left {
    /// Still in the TCP table, in this state, connected to the client's port.
    InTable { state: String, port: u16 },
    /// Its connection is over (it left the table), but the descriptor is still open.
    DescriptorOpen,
}

impl Left {
    /// The server never closed it after the client's FIN: the classic leak.
    pub fn in_close_wait(&self) -> bool {
        matches!(self, Left::InTable { state, .. } if state == "CLOSE_WAIT")
    }

    pub fn describe(&self) -> Text {
        match self {
            Left::InTable { state, port } => msg!(
                "sockets-in-state",
                state = state.clone(),
                port = port.to_string()
            ),
            Left::DescriptorOpen => msg!("sockets-descriptor-open"),
        }
    }
}

/// Wait until the server's kernel has taken the reset of the client on `port` (a reset ends the
/// connection at once: its socket leaves the TCP table, the descriptor may still be open), or
/// `deadline`; whether it did.
pub fn reset_taken_by(server: i32, before: &BTreeSet<u64>, port: u16, deadline: Instant) -> bool {
    super::wait::until(deadline.saturating_duration_since(Instant::now()), || {
        let left = left_for_clients(server, before, &[port]);
        !left.iter().any(|l| matches!(l, Left::InTable { .. }))
    })
}

/// One line per socket left, for a failure.
pub fn describe(left: &[Left]) -> Text {
    Text::lines(left.iter().map(Left::describe))
}

/// What the server's process tree still holds for the clients whose local ports are
/// `client_ports`, beyond the sockets it held `before`.
pub fn left_for_clients(server: i32, before: &BTreeSet<u64>, client_ports: &[u16]) -> Vec<Left> {
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
                Some(sock) if client_ports.contains(&sock.remote_port) => Some(Left::InTable {
                    state: sock.state.clone(),
                    port: sock.remote_port,
                }),
                Some(_) => None,
                None => Some(Left::DescriptorOpen),
            },
        )
        .collect()
}
