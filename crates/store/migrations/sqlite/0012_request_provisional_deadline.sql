-- 1 when reply_due (and clarification_notice_due) were counted with estimated holidays because
-- the next year's State Council notice was not loaded yet (calendar::estimate); every such open
-- request is recomputed when the year file is loaded.
alter table requests add column deadline_provisional integer not null default 0;
