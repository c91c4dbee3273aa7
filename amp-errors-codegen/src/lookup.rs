//! The table `from_wire` finds a code in: the wire codes placed by their
//! hash, built here at compile time and read by the runtime's
//! `private/lookup.rs`, which hashes and probes exactly as this file does
//! (`tests/multi_catalog.rs`, over the 300 codes of
//! `tests/catalogs/many.toml`, checks that the two agree).

/// A table slot that holds no code (the runtime's `EMPTY_SLOT`).
pub const EMPTY_SLOT: u32 = u32::MAX;

/// The multiplier of the hash (FxHash's).
const K: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of a wire code, as the runtime computes it: its length, then
/// each 8-byte word (the last one zero-padded) rotated in and multiplied;
/// the high half folded into the low.
pub fn wire_hash(code: &str) -> u64 {
    let bytes = code.as_bytes();
    let mut hash = bytes.len() as u64;
    for word in bytes.chunks(8) {
        let mut buf = [0u8; 8];
        if let Some(head) = buf.get_mut(..word.len()) {
            head.copy_from_slice(word);
        }
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    hash ^ (hash >> 32)
}

/// The slots for `wires` (in catalog order): twice as many as codes,
/// rounded up to a power of two; each code at its hash's slot or the next
/// free one after it; [`EMPTY_SLOT`] elsewhere.
pub fn wire_table(wires: &[&str]) -> Vec<u32> {
    let len = (wires.len() * 2).next_power_of_two();
    let mask = len - 1;
    let mut table = vec![EMPTY_SLOT; len];
    for (index, wire) in wires.iter().enumerate() {
        let mut slot = wire_hash(wire) as usize & mask;
        while table.get(slot).is_some_and(|&taken| taken != EMPTY_SLOT) {
            slot = (slot + 1) & mask;
        }
        if let Some(free) = table.get_mut(slot) {
            *free = index as u32;
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_slot_and_half_stay_free() {
        let wires: Vec<String> = (0..1000).map(|i| format!("code_{i}")).collect();
        let wires: Vec<&str> = wires.iter().map(String::as_str).collect();
        let table = wire_table(&wires);
        assert_eq!(table.len(), 2048);
        let mut placed: Vec<u32> = table.iter().copied().filter(|&i| i != EMPTY_SLOT).collect();
        placed.sort_unstable();
        assert_eq!(placed, (0..1000).collect::<Vec<u32>>());
        assert_eq!(wire_table(&[]), vec![EMPTY_SLOT]);
    }
}
