//! From a wire code to its index in the catalog table: `from_wire` of a
//! generated code enum, on the path of every parsed error.
//!
//! A `match` on the code string compares the arms one after another (about
//! 50 ns to reach the last of 1,000 codes, most of them sharing a length
//! and a prefix); a binary search makes ten dependent loads. This is a hash
//! table the macro builds at compile time: the code is hashed a word at a
//! time, its slot read, and one comparison confirms it. The macro builds
//! the table with the same hash and probing (`amp_errors_codegen`'s
//! `lookup.rs`); `tests/multi_catalog.rs`, over the 300 codes of
//! `tests/catalogs/many.toml`, checks that the two agree.

use crate::CodeInfo;

/// A table slot that holds no code.
pub const EMPTY_SLOT: u32 = u32::MAX;

/// The multiplier of the hash (FxHash's): odd, with well-spread bits.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of a wire code: its length, then each 8-byte word (the last one
/// zero-padded) rotated in and multiplied; the high half folded into the low.
#[inline]
pub fn wire_hash(code: &str) -> u64 {
    let bytes = code.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(word);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        if let Some(head) = buf.get_mut(..rest.len()) {
            head.copy_from_slice(rest);
        }
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    hash ^ (hash >> 32)
}

/// The index in `codes` of the code `code`, looked up in `table`: a power
/// of two of slots, each [`EMPTY_SLOT`] or an index into `codes`, a code
/// placed at `wire_hash(code) & (len - 1)` or the next free slot after it.
#[inline]
pub fn code_index(code: &str, codes: &[CodeInfo], table: &[u32]) -> Option<usize> {
    let mask = table.len().checked_sub(1)?;
    let mut slot = wire_hash(code) as usize & mask;
    for _ in 0..table.len() {
        let index = *table.get(slot)?;
        if index == EMPTY_SLOT {
            return None;
        }
        if codes
            .get(index as usize)
            .is_some_and(|info| info.code == code)
        {
            return Some(index as usize);
        }
        slot = (slot + 1) & mask;
    }
    None
}
