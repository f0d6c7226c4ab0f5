-- Contains-search of customers' names by an index: an FTS5 table with the trigram tokenizer
-- over organizations.search_name (already lower-cased, so the tokenizer keeps case as it is),
-- so that a part of a name of three or more characters finds its few customers without
-- reading every customer. External content: the names stay in organizations only, and the
-- triggers below keep the index in step with every insert, rename and delete. The rowid is
-- the organization's; VACUUM keeps the rowids of a table that has indexes. Without positions
-- (detail none): the query asks for every trigram of the text, and the product tests each hit
-- with LIKE, so the index only narrows what is read. PostgreSQL has its trigram index since
-- 2026-12-05-000003_list_indexes.
--
-- The audit log's customer-name filter: the customers' index carries both organization
-- columns, so the events of a few customers are tested for the reader's side without reading
-- them; the indexes of the two sides carry the customer, so a walk of a partner's log tests
-- each event's customer without reading the event. Keep in step with
-- migrations/postgres/2026-12-06-000001_name_search/up.sql.

CREATE VIRTUAL TABLE organizations_search USING fts5 (
    search_name,
    content = 'organizations',
    tokenize = 'trigram case_sensitive 1',
    detail = 'none'
);

CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organizations_search (rowid, search_name) VALUES (new.rowid, new.search_name);
END;

CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO organizations_search (organizations_search, rowid, search_name)
        VALUES ('delete', old.rowid, old.search_name);
END;

CREATE TRIGGER organizations_search_rename AFTER UPDATE OF search_name ON organizations BEGIN
    INSERT INTO organizations_search (organizations_search, rowid, search_name)
        VALUES ('delete', old.rowid, old.search_name);
    INSERT INTO organizations_search (rowid, search_name) VALUES (new.rowid, new.search_name);
END;

-- The organizations that exist already.
INSERT INTO organizations_search (organizations_search) VALUES ('rebuild');

DROP INDEX audit_events_customer;
CREATE INDEX audit_events_customer
    ON audit_events (customer_id, occurred_at, id, organization_id, related_organization_id);
DROP INDEX audit_events_organization;
CREATE INDEX audit_events_organization ON audit_events (organization_id, occurred_at, id, customer_id);
DROP INDEX audit_events_related;
CREATE INDEX audit_events_related
    ON audit_events (related_organization_id, occurred_at, id, customer_id);
