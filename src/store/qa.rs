//! Accepted QA findings: ids of findings a team has reviewed and accepted,
//! kept in the memory so `tarjima qa` does not report them again.
//!
//! ```
//! use tarjima::store::Store;
//! let mut store = Store::open_in_memory().unwrap();
//! store.accept_findings(&["0123456789abcdef".to_string()], Some("house style")).unwrap();
//! assert!(store.accepted_findings().unwrap().contains("0123456789abcdef"));
//! ```

use std::collections::HashSet;

use rusqlite::params;

use super::{Store, memory_error};
use crate::error::Result;

impl Store {
    /// Marks findings as accepted (again is a no-op). Returns how many were new.
    pub fn accept_findings(&mut self, ids: &[String], note: Option<&str>) -> Result<usize> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| memory_error(&path, &e);
        let tx = self.conn.transaction().map_err(fail)?;
        let mut added = 0;
        {
            let mut st = tx
                .prepare(
                    "INSERT OR IGNORE INTO qa_accepted (finding_id, accepted_at, note) \
                     VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2)",
                )
                .map_err(fail)?;
            for id in ids {
                added += st.execute(params![id, note]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        Ok(added)
    }

    /// The ids of every accepted finding.
    pub fn accepted_findings(&self) -> Result<HashSet<String>> {
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        let mut st = self
            .conn
            .prepare("SELECT finding_id FROM qa_accepted")
            .map_err(fail)?;
        let rows = st.query_map([], |r| r.get::<_, String>(0)).map_err(fail)?;
        rows.collect::<rusqlite::Result<HashSet<_>>>().map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepting_twice_counts_once() {
        let mut s = Store::open_in_memory().unwrap();
        let ids = vec!["a".to_string(), "b".to_string()];
        assert_eq!(s.accept_findings(&ids, None).unwrap(), 2);
        assert_eq!(s.accept_findings(&ids[..1], None).unwrap(), 0);
        assert_eq!(s.accepted_findings().unwrap().len(), 2);
    }
}
