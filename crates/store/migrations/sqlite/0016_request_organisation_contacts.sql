-- organisations name their legal representative (法定代表人或负责人) and a contact person (联系人),
-- as the standard application form asks; empty for natural persons.
alter table requests add column legal_representative text not null default '';
alter table requests add column contact_person text not null default '';
