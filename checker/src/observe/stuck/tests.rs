//! The watch on live programs: stuck or not, running, woken by its own timer, moved by the checker.

use super::*;
use crate::base::i18n::{Lang, Messages};
use std::process::{Command, Stdio};

fn wait_stuck(watched: &Watched, within: Duration) -> Option<Stuck> {
    let until = Instant::now() + within;
    while Instant::now() < until {
        if let Some(stuck) = watched.stuck(0, &HashMap::new()) {
            return Some(stuck);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// `look` at `command` started and watched as `name`; it is killed and reaped after.
fn watching<T>(command: &mut Command, name: &str, look: impl FnOnce(&Watched) -> T) -> T {
    let mut child = command.spawn().unwrap();
    let watched = Watched::default();
    watched.watch(child.id() as i32, name);
    let seen = look(&watched);
    let _ = child.kill();
    let _ = child.wait();
    seen
}

/// cat asleep in a read of a pipe that nobody writes to (the pipe's end stays ours).
fn cat_reading_a_pipe() -> Command {
    let mut cat = Command::new("cat");
    cat.stdin(Stdio::piped()).stdout(Stdio::null());
    cat
}

#[test]
fn a_reader_of_a_pipe_nobody_writes_is_stuck_and_says_where() {
    let stuck = watching(&mut cat_reading_a_pipe(), "cat", |watched| {
        wait_stuck(watched, Duration::from_secs(5))
    });
    let stuck = stuck.expect("cat, asleep in read, is stuck");
    let text = Messages::new(Lang::En).render(&stuck.where_);
    assert!(
        text.contains("cat sleeps in read() on fd 0 (the read end of a pipe)"),
        "{text}"
    );
}

#[test]
fn where_a_program_is_when_a_wait_runs_out_names_a_running_one() {
    let mut spinner = Command::new("sh");
    spinner.args(["-c", "while :; do :; done"]);
    let text = watching(&mut spinner, "spinner", |watched| {
        let until = Instant::now() + Duration::from_secs(5);
        let mut text = String::new();
        while !text.contains("spinner runs") && Instant::now() < until {
            let now = watched.now(&HashMap::new()).expect("a live program");
            text = Messages::new(Lang::En).render(&now);
        }
        text
    });
    assert!(text.contains("spinner runs"), "{text}");
}

#[test]
fn asleep_in_accept_beside_an_unread_connection_holds_it_unread() {
    let task = |number: i64| Task {
        tid: 1,
        state: 'S',
        call: Some(procinfo::Call {
            number,
            args: [3, 0, 0, 0, 0, 0],
        }),
        wchan: String::new(),
        ran: (0, 0),
    };
    let socket = |state: &str, rx: u64| (1, state.to_string(), rx, 0);
    let look = |number: i64, sockets: Vec<(u64, String, u64, u64)>| Look {
        tasks: vec![(1, task(number))],
        sockets,
        unlisted: 0,
        activity: 0,
    };
    let accept = libc::SYS_accept4;
    let unread = vec![socket("LISTEN", 0), socket("ESTABLISHED", 5)];
    assert!(holds_unread(&look(accept, unread.clone())));
    // The client's bytes read: nothing held unread.
    let read_all = vec![socket("LISTEN", 0), socket("ESTABLISHED", 0)];
    assert!(!holds_unread(&look(accept, read_all)));
    // Connections waiting to be accepted are the listening socket's, not held unread.
    assert!(!holds_unread(&look(accept, vec![socket("LISTEN", 3)])));
    // Asleep in a read of that client: serving it, whatever waits.
    assert!(!holds_unread(&look(libc::SYS_read, unread.clone())));
    // Asleep in epoll_wait beside it: an edge answered without reading until EAGAIN.
    let epoll_wait = libc::SYS_epoll_pwait;
    let edge = unread_on_edge(&look(epoll_wait, unread.clone()), 1);
    assert_eq!(edge, Some(EdgeUnread { pid: 1, bytes: 5 }));
    assert!(!holds_unread(&look(epoll_wait, unread.clone())));
    assert_eq!(unread_on_edge(&look(accept, unread), 1), None);
    assert_eq!(
        unread_on_edge(&look(epoll_wait, vec![socket("LISTEN", 3)]), 1),
        None
    );
}

#[test]
fn a_sleeper_wakes_by_itself_and_is_never_stuck() {
    let mut sleeper = Command::new("sleep");
    sleeper.arg("30");
    let stuck = watching(&mut sleeper, "sleep", |watched| {
        wait_stuck(watched, HOLD * 3)
    });
    assert!(stuck.is_none(), "{stuck:?}");
}

#[test]
fn the_checker_moving_bytes_keeps_a_program_from_looking_stuck() {
    let seen = watching(&mut cat_reading_a_pipe(), "cat", |watched| {
        let until = Instant::now() + HOLD * 3;
        let mut activity = 0;
        let mut seen = None;
        while Instant::now() < until {
            activity += 1;
            seen = seen.or(watched.stuck(activity, &HashMap::new()));
            std::thread::sleep(Duration::from_millis(20));
        }
        seen
    });
    assert!(seen.is_none(), "{seen:?}");
}

/// A program asleep in poll on no descriptor with no timeout is stuck for certain (only a
/// signal wakes it, however busy the machine); one that polls nothing for a while sleeps.
#[test]
fn a_poll_on_no_descriptor_without_timeout_is_certainly_stuck() {
    let mut forever = Command::new("python3");
    forever.args(["-c", "import select; select.poll().poll()"]);
    let mut child = forever.spawn().unwrap();
    let pid = child.id() as i32;
    let watch_it = || {
        let watched = Watched::default();
        watched.watch(pid, "poller");
        wait_stuck(&watched, Duration::from_secs(5))
    };
    let stuck = watch_it().expect("a poll of nothing, for ever, is stuck");
    assert!(stuck.polls_nothing, "{stuck:?}");
    assert_eq!(stuck.diagnosis(), Diagnosis::PollsNothing);
    assert!(stuck.diagnosis().is_certain());
    // Stopped and continued (as a test that makes bytes and EOF arrive together does), its
    // poll sleeps on as restart_syscall: still a poll of nothing.
    for signal in [libc::SIGSTOP, libc::SIGCONT] {
        // SAFETY: kill takes two integers and touches no memory of ours.
        unsafe { libc::kill(pid, signal) };
        std::thread::sleep(Duration::from_millis(50));
    }
    let again = watch_it();
    let _ = child.kill();
    let _ = child.wait();
    let again = again.expect("stopped and continued, it polls nothing still");
    assert!(again.polls_nothing, "{again:?}");
    let text = Messages::new(Lang::En).render(&again.where_);
    assert!(text.contains("poller sleeps in poll()"), "{text}");
    let mut nap = Command::new("python3");
    nap.args(["-c", "import select\nwhile True: select.poll().poll(10000)"]);
    let stuck = watching(&mut nap, "napper", |watched| wait_stuck(watched, HOLD * 3));
    assert!(stuck.is_none(), "{stuck:?}");
}
