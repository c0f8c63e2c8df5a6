//! The store contract against the in-memory store, natively.

use futures::executor::block_on;
use wijkpeil::storage::contract;
use wijkpeil::storage::memory::MemoryStore;

#[test]
fn memory_store_keeps_the_contract() {
    block_on(contract::run_all(|_| async { MemoryStore::new() }));
}
