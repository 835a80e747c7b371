//! The platform ids behind the conversation's numeric ids. Telegram's chats and
//! users are numbers; 企业微信 and 钉钉 name them with strings. Each such string
//! gets a stable number (a 64-bit FNV-1a hash of the platform, kind and id,
//! folded into a range Telegram never uses: users at 2^62 and above, groups the
//! negatives of those), and the number is written with its string into the
//! journaled user data (tree `settings`, key `peer:<number>`) before any
//! message of that chat is handled, so a reminder set today finds its user or
//! group after a restart, and backups carry the mapping.

use serde::{Deserialize, Serialize};

use rulebot_store::{Store, StoreError};

/// The tree the mapping lives in (journaled and backed up with chat settings).
const TREE: &str = "settings";

/// A person or a group chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeerKind {
    /// A person (private chats and senders).
    User,
    /// A group chat.
    Group,
}

/// A chat or user as its platform names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    /// The platform: "wecom" or "dingtalk".
    pub platform: String,
    /// Person or group.
    pub kind: PeerKind,
    /// The platform's id (a userid, a chat id, a conversation id).
    pub id: String,
}

impl Peer {
    /// A peer of `platform`.
    pub fn new(platform: &str, kind: PeerKind, id: &str) -> Peer {
        Peer {
            platform: platform.to_string(),
            kind,
            id: id.to_string(),
        }
    }
}

/// The number a peer hashes to before any collision is resolved.
pub fn hashed(peer: &Peer) -> i64 {
    // FNV-1a, 64 bits: stable across Rust versions and machines.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let kind = match peer.kind {
        PeerKind::User => "u",
        PeerKind::Group => "g",
    };
    for part in [peer.platform.as_str(), kind, peer.id.as_str()] {
        for b in part.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let n = ((h & ((1u64 << 62) - 1)) | (1u64 << 62)) as i64;
    match peer.kind {
        PeerKind::User => n,
        PeerKind::Group => -n,
    }
}

fn key(id: i64) -> Vec<u8> {
    format!("peer:{id}").into_bytes()
}

/// The number of a peer: the stored one, or a new one, written (and fsynced)
/// before it is returned. A number taken by another peer (a hash collision)
/// moves on to the next free one.
pub fn id_for(store: &Store, peer: &Peer) -> Result<i64, StoreError> {
    let mut id = hashed(peer);
    let step = if id < 0 { -1 } else { 1 };
    loop {
        match store.get::<Peer>(TREE, &key(id))? {
            Some(p) if &p == peer => return Ok(id),
            Some(_) => id += step,
            None => {
                store.put(TREE, &key(id), peer)?;
                return Ok(id);
            }
        }
    }
}

/// The peer behind a number, if one was stored.
pub fn lookup(store: &Store, id: i64) -> Result<Option<Peer>, StoreError> {
    store.get::<Peer>(TREE, &key(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable_and_out_of_telegrams_range() {
        let u = Peer::new("wecom", PeerKind::User, "ZhangSan");
        let g = Peer::new("wecom", PeerKind::Group, "wrkSFfCgAAxx");
        // Fixed forever: changing the hash would orphan stored reminders.
        assert_eq!(hashed(&u), hashed(&u.clone()));
        assert!(hashed(&u) >= 1 << 62);
        assert!(hashed(&g) <= -(1 << 62));
        assert_ne!(
            hashed(&u),
            hashed(&Peer::new("dingtalk", PeerKind::User, "ZhangSan"))
        );
        assert_eq!(
            hashed(&Peer::new("wecom", PeerKind::User, "a")),
            7_636_525_917_346_976_882
        );
    }

    #[test]
    fn the_mapping_survives_reopening_and_collisions_move_on() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let u = Peer::new("wecom", PeerKind::User, "ZhangSan");
        let id = {
            let store = Store::open(&db).unwrap();
            // Someone else already holds the hashed number.
            let squatter = Peer::new("wecom", PeerKind::User, "other");
            store.put(TREE, &key(hashed(&u)), &squatter).unwrap();
            let id = id_for(&store, &u).unwrap();
            assert_eq!(id, hashed(&u) + 1);
            assert_eq!(id_for(&store, &u).unwrap(), id);
            store.flush().unwrap();
            id
        };
        let store = Store::open(&db).unwrap();
        assert_eq!(lookup(&store, id).unwrap(), Some(u.clone()));
        assert_eq!(id_for(&store, &u).unwrap(), id);
        assert_eq!(lookup(&store, 42).unwrap(), None);
    }
}
