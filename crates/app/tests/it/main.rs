//! The application layer's use cases, tested once for every adapter: who may take which request
//! step and review step, in which agency, and what the workflow refuses. The console and staff
//! API tests only check that their adapters reach these use cases. Every test runs on SQLite and,
//! with `TEST_DATABASE_URL`, on a fresh PostgreSQL database.

mod agency_authorization;
mod fixture;
mod request_authorization;
mod review_authorization;
mod token_authorization;
mod unreadable_attachments;
