//! Each PUBLISH of the device judged as it comes, against the readings fed and what the broker
//! acknowledged: the birth (`online`, QoS 1, retained, a new packet id), and each reading once,
//! in order, DUP 0 the first time; sent again after a drop with DUP 1 and its packet id, before
//! anything new (4.4); never again once acknowledged. Each failure names the packet expected,
//! the packet that came and the rule, proven by the packet itself.

use std::time::Instant;

use crate::base::i18n::{Text, msg};
use crate::base::verdict::Failure;
use crate::observe::wire::mqtt::Packet;

use super::broker::{Acks, Broker, Event, Up};
use super::fates::Fate;

impl Broker {
    /// A PUBLISH of the device on `up`: a birth or a reading, checked; PUBACKed as the
    /// manner says.
    pub(super) fn publish(
        &mut self,
        up: &mut Up,
        p: Packet,
        deadline: Instant,
    ) -> Result<Event, Failure> {
        let Packet::Publish {
            dup,
            qos,
            retain,
            ref topic,
            packet_id,
            ref payload,
        } = p
        else {
            unreachable!("publish() is given PUBLISHes");
        };
        let id = packet_id.unwrap_or(0);
        if *topic == self.topic("status") {
            return self.birth(up, &p, deadline);
        }
        if *topic != self.topic("readings") || qos != 1 || retain {
            let wanted = msg!("device-want-reading", topic = self.topic("readings"));
            return Err(up
                .link
                .unexpected(&p, wanted, msg!("device-clause-reading")));
        }
        let Some(&index) = self.ledger.by_payload.get(payload) else {
            return Err(up
                .link
                .unexpected(&p, msg!("device-want-fed"), msg!("device-clause-fed")));
        };
        let first = self.reading(up, &p, index, (id, dup))?;
        match up.manner.acks {
            Acks::AtOnce => self.ack(up, id, deadline)?,
            Acks::After(delay) => up.acks_due.push_back((Instant::now() + delay, id)),
            Acks::Held => {}
        }
        Ok(Event::Reading { index, id, first })
    }

    /// The birth on `up`: `online`, QoS 1, retained, a new packet id; PUBACKed at once.
    fn birth(&mut self, up: &mut Up, p: &Packet, deadline: Instant) -> Result<Event, Failure> {
        let Packet::Publish {
            dup,
            ref topic,
            packet_id,
            ..
        } = *p
        else {
            unreachable!("birth() is given PUBLISHes");
        };
        let id = packet_id.unwrap_or(0);
        let birth = Packet::Publish {
            dup: false,
            qos: 1,
            retain: true,
            topic: topic.clone(),
            packet_id,
            payload: b"online".to_vec(),
        };
        let shape = resent(p, false, packet_id);
        if shape != birth {
            let wanted = format!("PUBLISH qos=1 retain topic={topic} \"online\"");
            return Err(up.link.unexpected(p, wanted, msg!("device-clause-birth")));
        }
        if dup {
            // A birth of an earlier connection, never acknowledged, sent again: allowed,
            // but it is no birth of this connection.
            if !self.ledger.old_births.remove(&id) {
                return Err(up
                    .link
                    .unexpected(p, msg!("device-want-birth-new"), "3.3.1-1"));
            }
        } else {
            self.new_id(up, p, id)?;
            up.born = true;
        }
        up.link.send(&Packet::Puback { packet_id: id }, deadline)?;
        Ok(if dup { Event::Other } else { Event::Birth })
    }

    /// The reading `index` came as `p`: whether it is its first send.
    fn reading(
        &mut self,
        up: &mut Up,
        p: &Packet,
        index: usize,
        (id, dup): (u16, bool),
    ) -> Result<bool, Failure> {
        match self.ledger.fates[index] {
            Fate::Acked => Err(up.link.unexpected(
                p,
                msg!("device-want-not-again", reading = self.shown(index)),
                "4.3.2-1",
            )),
            Fate::Dropped => Err(up.link.unexpected(
                p,
                msg!("device-want-dropped", reading = self.shown(index)),
                msg!("device-clause-bound"),
            )),
            Fate::Sent { id: first_id, link } => {
                self.again(up, p, index, (id, dup), (first_id, link))
            }
            Fate::Unsent => self.first(up, p, index, (id, dup)),
        }
    }

    /// Reading `index`, sent first with `first_id` on connection `link`, came again as `p`.
    fn again(
        &mut self,
        up: &mut Up,
        p: &Packet,
        index: usize,
        (id, dup): (u16, bool),
        (first_id, link): (u16, usize),
    ) -> Result<bool, Failure> {
        let n = up.link.n;
        let again = resent(p, true, Some(first_id));
        // The session lost (session present 0), it may come as a new PUBLISH too.
        let as_new = link < n && !up.manner.session_present && *p != again;
        if as_new && id != first_id {
            self.new_id(up, p, id)?;
            self.ledger.in_flight.remove(&first_id);
            self.ledger.in_flight.insert(id, Some(index));
        }
        if *p != again && !as_new {
            let clause = if dup { "4.4, 2.3.1" } else { "3.3.1-1, 4.4" };
            let wanted = msg!(
                "device-want-resend",
                packet = again.to_string(),
                link = link
            );
            return Err(up.link.unexpected(p, wanted, clause));
        }
        if link < n {
            let Some(pos) = up.resends_due.iter().position(|&i| i == index) else {
                return Err(up.link.unexpected(
                    p,
                    msg!("device-want-once", reading = self.shown(index)),
                    "4.4",
                ));
            };
            if pos > 0 && up.manner.resends_first {
                return Err(self.out_of_order(up, p, up.resends_due[0]));
            }
            up.resends_due.remove(pos);
            self.ledger.fates[index] = Fate::Sent { id, link: n };
        }
        Ok(false)
    }

    /// Reading `index`, never seen before, came as `p`: its first send (or, DUP 1 on a later
    /// connection, a resend of one the broker never read).
    fn first(
        &mut self,
        up: &mut Up,
        p: &Packet,
        index: usize,
        (id, dup): (u16, bool),
    ) -> Result<bool, Failure> {
        let n = up.link.n;
        // Readings due again come before this new one, the session lost or not.
        if let Some(&due) = up.resends_due.front()
            && up.manner.resends_first
        {
            return Err(self.resend_missing(up, p, due));
        }
        if dup && n == 1 {
            let first_send = resent(p, false, Some(id));
            return Err(up.link.unexpected(p, first_send.to_string(), "3.3.1-1"));
        }
        self.in_order(up, p, index)?;
        if !up.manner.session_present && !up.subscribed() && !dup {
            return Err(up.link.unexpected(
                p,
                msg!("device-want-subscribe-first", topic = self.topic("cmd")),
                msg!("device-clause-subscribe"),
            ));
        }
        if !dup && !up.born {
            return Err(up.link.unexpected(
                p,
                msg!("device-want-birth-first", topic = self.topic("status")),
                msg!("device-clause-birth"),
            ));
        }
        if !dup {
            self.new_id(up, p, id)?;
        }
        up.resends_due.retain(|&i| i != index);
        self.ledger.in_flight.insert(id, Some(index));
        self.ledger.fates[index] = Fate::Sent { id, link: n };
        self.ledger.next = index + 1;
        Ok(true)
    }

    /// A reading first sent now must be the next: earlier ones unsent are lost, unless a full
    /// queue may have dropped them.
    fn in_order(&mut self, up: &Up, p: &Packet, index: usize) -> Result<(), Failure> {
        if index < self.ledger.next {
            return Err(self.out_of_order(up, p, self.ledger.next));
        }
        let skipped = self.ledger.next..index;
        if !skipped.is_empty() {
            if !self.ledger.drops_allowed {
                return Err(self.out_of_order(up, p, self.ledger.next));
            }
            for i in skipped {
                self.ledger.fates[i] = Fate::Dropped;
            }
        }
        Ok(())
    }

    /// A PUBLISH with a new packet id: no resend may be due before it (4.4), and its id must
    /// be free (2.3.1-2).
    fn new_id(&mut self, up: &Up, p: &Packet, id: u16) -> Result<(), Failure> {
        if up.manner.resends_first
            && up.manner.session_present
            && let Some(&due) = up.resends_due.front()
        {
            return Err(self.resend_missing(up, p, due));
        }
        if let Some(holder) = self.ledger.in_flight.get(&id) {
            let what: Text = match holder {
                Some(i) => msg!("device-id-holder-reading", reading = self.shown(*i)),
                None => msg!("device-id-holder-birth"),
            };
            return Err(up.link.unexpected(
                p,
                msg!("device-want-free-id", id = id, holder = what),
                "2.3.1-2",
            ));
        }
        Ok(())
    }

    /// Reading `due`, unacknowledged on an earlier connection, had to come again before `p`.
    fn resend_missing(&self, up: &Up, p: &Packet, due: usize) -> Failure {
        let Fate::Sent { id, link } = self.ledger.fates[due] else {
            return self.out_of_order(up, p, due);
        };
        let again = Packet::Publish {
            dup: true,
            qos: 1,
            retain: false,
            topic: self.topic("readings"),
            packet_id: Some(id),
            payload: self.ledger.readings[due].clone(),
        };
        let wanted = msg!(
            "device-want-resend",
            packet = again.to_string(),
            link = link
        );
        up.link.unexpected(p, wanted, "4.4, 3.3.1-1")
    }

    /// `p` came where reading `due` was next.
    fn out_of_order(&self, up: &Up, p: &Packet, due: usize) -> Failure {
        let wanted = msg!("device-want-in-order", reading = self.shown(due));
        up.link.unexpected(p, wanted, "4.6")
    }
}

/// `p` with its DUP flag and packet id as given.
fn resent(p: &Packet, dup: bool, id: Option<u16>) -> Packet {
    let mut p = p.clone();
    if let Packet::Publish {
        dup: d, packet_id, ..
    } = &mut p
    {
        (*d, *packet_id) = (dup, id);
    }
    p
}
