//! The replication lab's words in English.

use super::text::{Text, groups};
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::replication::{Consistency, Event, Ignored, ReadFrom, WriteMode};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "Replication",
        blurb: "One leader takes the writes and copies them to its replicas. Acknowledge a write after the leader's own copy (async), after every replica has it (sync) or after a quorum does; read from the leader, from any replica or from a quorum. Crash the leader and watch the others elect a new one; cut the replicas apart and choose: stay consistent and refuse (CP), or stay available and disagree (AP). Lost writes and stale reads are counted exactly.",
        nothing_yet: "Nothing yet. Press play, add an item to the cart, then read it from another replica.",
        settings: &[
            ("replicas", "Replicas"),
            ("write-mode", "Write acknowledged"),
            ("write-quorum", "Write quorum W (0: majority)"),
            ("read-from", "Reads answered by"),
            ("read-quorum", "Read quorum R (0: majority)"),
            ("consistency", "When partitioned"),
            ("write-rate", "Client writes per second"),
            ("read-rate", "Client reads per second"),
            ("keys", "Keys"),
            ("heartbeat-ms", "Heartbeat every (ms)"),
            ("election-timeout-ms", "Election timeout (ms, lo-hi)"),
            ("net-latency-ms", "One hop (ms)"),
            ("jitter-ms", "Jitter (ms)"),
            ("timeout-ms", "Client timeout (ms)"),
        ],
        metrics: &[
            ("time_ms", "Simulated time (ms)"),
            ("writes", "Writes"),
            ("writes_acked", "Writes acknowledged"),
            ("writes_failed", "Writes failed"),
            ("writes_lost", "Acknowledged writes lost"),
            ("reads", "Reads"),
            ("reads_stale", "Stale reads"),
            ("reads_failed", "Reads failed"),
            ("availability", "Availability (answered ÷ asked)"),
            ("unavailable", "Refused or timed out"),
            ("elections", "Terms with a leader"),
            ("split_votes", "Split votes (terms without one)"),
            ("terms", "Terms"),
            ("leaders_per_term_max", "Most leaders in one term"),
            ("time_without_leader_ms", "Time without a leader (ms)"),
            ("election_ms_mean", "Leaderless, mean (ms)"),
            ("election_ms_p99", "Leaderless, p99 (ms)"),
            ("election_ms_max", "Leaderless, longest (ms)"),
            ("write_latency_ms_p50", "Write latency p50 (ms)"),
            ("write_latency_ms_p99", "Write latency p99 (ms)"),
            ("read_latency_ms_p50", "Read latency p50 (ms)"),
            ("read_latency_ms_p99", "Read latency p99 (ms)"),
            ("leader", "Leader"),
            ("replicas_up", "Replicas up"),
            ("messages_in_flight", "Messages on their way"),
            ("per_replica_commit", "Committed per replica"),
            ("per_replica_term", "Term per replica"),
        ],
        presets: &[
            Preset {
                link: "write-rate=0&read-rate=0&log=500:write:0,510:write:0,535:read:0:2&vs=write-mode=sync&speed=0.1",
                title: "The seed's cart: written on one node, read on another",
                note: "Two items go into the cart through the leader S0; the next request reads S2. Async acknowledges at once and copies later: S2 answers with the cart as it was, a stale read. Sync waits until every replica has the item: the read is right, and the add took a round trip longer.",
            },
            Preset {
                link: "write-rate=0&read-rate=0&log=300:partition:0.1/2,500:write:0,700:read:0:2&vs=write-mode=sync&speed=0.2",
                title: "A replica cut off: consistent or available?",
                note: "S2 is cut off. Sync waits for S2, which never answers: the add fails after the client's timeout (consistent, not available). Async takes it at once, and S2 goes on answering with the old cart (available, not consistent).",
            },
            Preset {
                link: "replicas=5&write-mode=quorum&read-from=leader&log=1000:crash-leader&speed=0.3",
                title: "The leader fails: the others elect a new one",
                note: "The followers stop hearing heartbeats. The first whose election timer runs out asks for votes, wins a majority and leads the next term; clients find it and write to it. The numbers show how long the cluster had no leader.",
            },
            Preset {
                link: "write-rate=20&log=1000:partition:0/1.2,1500:crash:0,1500:heal,3000:restart:0&vs=write-mode=quorum&speed=0.5",
                title: "Async failover loses acknowledged writes; quorum does not",
                note: "The leader is cut off and goes on acknowledging writes alone, then crashes. The others elect a leader without those writes; when S0 comes back it drops them. With quorum writes nothing was acknowledged without a majority, so nothing is lost.",
            },
            Preset {
                link: "replicas=5&write-mode=quorum&read-from=leader&write-rate=10&log=1000:partition:0.1/2.3.4,4000:heal&vs=consistency=ap&speed=0.5",
                title: "Five replicas split 2 | 3: CP against AP",
                note: "CP: the old leader on the small side cannot commit, so its writes fail, while the big side elects a new leader and goes on. AP: both sides take writes; on heal the later writer wins per key and the other side's writes to it are lost.",
            },
            Preset {
                link: "replicas=5&election-timeout-ms=150-150&log=1000:crash-leader&vs=election-timeout-ms=150-300&speed=0.5",
                title: "Election timeouts without randomness split the vote",
                note: "With every timer at 150 ms the followers stand at the same moment, each votes for itself and no one wins, again and again. Drawn from 150-300 ms one stands first and wins: the Raft paper's finding.",
            },
        ],
    },
    write_modes: Choices(|c| match c {
        WriteMode::Async => (
            "Async: after the leader's own write",
            "Fast and always available while the leader is, but a failover can lose what was acknowledged.",
        ),
        WriteMode::Sync => (
            "Sync: after every replica",
            "Every replica has it before the client hears yes; one slow or cut-off replica stalls every write.",
        ),
        WriteMode::Quorum => (
            "Quorum: after W of N",
            "A majority holds every acknowledged write, so a new leader has it; a minority can be down.",
        ),
    }),
    read_froms: Choices(|c| match c {
        ReadFrom::Leader => (
            "The leader",
            "Up to date while it leads; in quorum mode it first checks with one heartbeat round.",
        ),
        ReadFrom::Any => ("Any replica", "The nearest copy answers: fast, and maybe stale."),
        ReadFrom::Quorum => (
            "A quorum of R",
            "R replicas answer and the newest version wins: with W + R > N it is never stale.",
        ),
    }),
    consistencies: Choices(|c| match c {
        Consistency::Cp => (
            "CP: only a majority goes on",
            "A side without a majority cannot elect or commit: consistent, not available there.",
        ),
        Consistency::Ap => (
            "AP: every side goes on",
            "Each side keeps or elects a leader and takes writes; on heal the last writer wins per key.",
        ),
    }),
    leader: "leader",
    follower: "follower",
    candidate: "candidate",
    down: "down",
    term: "term {}",
    committed: "{} of {} committed",
    timer: "election timer",
    side: "side {}",
    no_leader: "No leader",
    crash: "Crash {}",
    restart: "Restart {}",
    cut_off: "Cut {} off",
    crash_leader: "Crash the leader",
    restart_all: "Restart all",
    split: "Split {} | {}",
    heal: "Heal the partition",
    draw_partition: "Draw a partition: press a replica to move it to the other side",
    client: "Client",
    add_item: "Add an item to the cart",
    read_from_replica: "Read the cart from {}",
    last_read: "{} answered v{}; the newest acknowledged was v{}.",
    stale: "A stale read.",
    selected: "Replica {}",
    write_mode: "Write acknowledged",
    read_from: "Reads answered by",
    consistency: "When partitioned",
    compare_with: "Compare with {}",
    legend: "Each square is a log entry, coloured by term; filled ones are committed. The ring beside a follower is its election timer running out. Dashed lines split the sides of a partition. Dots are messages on their way: appends blue, heartbeats grey, acks and votes green, vote requests orange squares, client requests purple, answers green rings.",
    availability_title: "Availability (per 100 ms)",
    commits_title: "Committed entries per replica",
    second: "Last second: {} answered, {} failed, {} stale reads.",
    event,
};

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchReplica => "there is no such replica",
        Ignored::AlreadyThatWay => "it is already that way",
        Ignored::NoLeader => "no replica leads now",
        Ignored::BadPartition => "a partition must put every replica in exactly one group",
        Ignored::NoSuchKey => "there is no such key",
    }
}

fn ms(us: u64) -> String {
    fmt_num((us as f64 / 1_000.0).round())
}

fn event(e: &Event) -> String {
    match e {
        Event::Wrote { key, version, latency_us, .. } => {
            format!("A write of key {key} was acknowledged at v{version} after {} ms.", ms(*latency_us))
        }
        Event::Read { key, version, newest, from, .. } if version < newest => format!(
            "S{from} answered key {key} at v{version}; v{newest} was already acknowledged: a stale read."
        ),
        Event::Read { key, version, from, .. } => format!("S{from} answered key {key} at v{version}."),
        Event::Failed { key, write, timed_out, .. } => {
            let what = if *write { "write" } else { "read" };
            let how = if *timed_out { "got no answer in time" } else { "was refused" };
            format!("A {what} of key {key} {how}.")
        }
        Event::Candidate { node, term, waited_us } => {
            format!("S{node} heard no leader for {} ms and asked for votes in term {term}.", ms(*waited_us))
        }
        Event::Elected { node, term, votes } => {
            format!("S{node} won term {term} with {votes} votes and leads.")
        }
        Event::SteppedDown { node, term } => format!("S{node} saw term {term} and stepped down."),
        Event::RolledBack { node, entries } => {
            format!("S{node} dropped {entries} entries its new leader never had.")
        }
        Event::Merged { into, taken } => format!(
            "The sides were merged into S{into}: the later write won per key ({taken} taken from the other side)."
        ),
        Event::Crashed { node, was_leader: true } => format!("The leader S{node} crashed."),
        Event::Crashed { node, .. } => format!("S{node} crashed."),
        Event::Restarted { node } => format!("S{node} restarted as a follower."),
        Event::Partitioned { groups: g } => format!("The replicas were split: {}.", groups(g)),
        Event::Healed => "Every partition healed.".to_owned(),
        Event::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", ignored(*why))
        }
    }
}
