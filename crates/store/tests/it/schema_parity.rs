//! The two migration folders define the same schema: the same tables, the same columns in each,
//! the same explicitly created indexes (names and columns). A migration written for one backend
//! only fails here instead of in production on the other.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_store::Db;
use sqlx::Row;

type Schema = (BTreeMap<String, BTreeSet<String>>, BTreeSet<String>);

async fn sqlite_schema(db: &Db) -> Schema {
    let tables: Vec<String> = sqlx::query_scalar(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '_sqlx_migrations'",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    let mut columns = BTreeMap::new();
    for t in tables {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("select name from pragma_table_info('{t}')")))
            .fetch_all(db.reader())
            .await
            .unwrap();
        columns.insert(t, rows.iter().map(|r| r.get::<String, _>(0)).collect());
    }
    let indexes: Vec<String> =
        sqlx::query_scalar("select name from sqlite_master where type = 'index' and sql is not null")
            .fetch_all(db.reader())
            .await
            .unwrap();
    (columns, indexes.into_iter().collect())
}

async fn postgres_schema(db: &Db) -> Schema {
    let rows = sqlx::query(
        "select table_name::text, column_name::text from information_schema.columns
         where table_schema = 'public' and table_name <> '_sqlx_migrations'",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    let mut columns: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in rows {
        columns.entry(r.get::<String, _>(0)).or_default().insert(r.get::<String, _>(1));
    }
    // Indexes created by `create index`, not those behind primary keys and unique constraints.
    let indexes: Vec<String> = sqlx::query_scalar(
        "select i.indexname::text from pg_indexes i where i.schemaname = 'public'
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    (columns, indexes.into_iter().collect())
}

#[tokio::test]
async fn both_migration_folders_define_the_same_tables_columns_and_indexes() {
    let Some(base) = gongkai_store::testing::postgres_base() else { return };
    let sqlite = crate::backends::sqlite().await;
    let postgres = gongkai_store::testing::fresh_postgres(&base).await;
    let (s_columns, s_indexes) = sqlite_schema(&sqlite).await;
    let (p_columns, p_indexes) = postgres_schema(&postgres).await;
    let s_tables: BTreeSet<_> = s_columns.keys().collect();
    let p_tables: BTreeSet<_> = p_columns.keys().collect();
    assert_eq!(s_tables, p_tables, "tables");
    for (table, columns) in &s_columns {
        assert_eq!(columns, &p_columns[table], "columns of {table}");
    }
    assert_eq!(s_indexes, p_indexes, "indexes");
    assert!(s_tables.len() > 20 && s_indexes.len() > 10, "the schema was read");
}
