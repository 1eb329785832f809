-- The ledger's schema at commit 542ad48 (Base.metadata.create_all), for postgresql.
-- Generated once from that commit's circular/ledger.py; the upgrade test starts here.

CREATE TABLE intake_files (
	id SERIAL NOT NULL, 
	campaign VARCHAR(64) NOT NULL, 
	name VARCHAR(512) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	rows INTEGER NOT NULL, 
	report TEXT NOT NULL, 
	stored_path VARCHAR(1024) NOT NULL, 
	received_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_intake_files_campaign ON intake_files (campaign);

CREATE INDEX ix_intake_files_sha256 ON intake_files (sha256);

CREATE TABLE mailbox_state (
	folder VARCHAR(255) NOT NULL, 
	uidvalidity BIGINT NOT NULL, 
	last_uid BIGINT NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (folder)
);

CREATE TABLE contacts (
	id SERIAL NOT NULL, 
	campaign VARCHAR(64) NOT NULL, 
	contact_key VARCHAR(400) NOT NULL, 
	iso3 VARCHAR(3) NOT NULL, 
	language VARCHAR(2) NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	cc JSON NOT NULL, 
	salutation TEXT NOT NULL, 
	title TEXT NOT NULL, 
	name TEXT NOT NULL, 
	position TEXT NOT NULL, 
	ministry TEXT NOT NULL, 
	extra JSON NOT NULL, 
	source_file_id INTEGER, 
	source_row INTEGER NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_contact_key UNIQUE (campaign, contact_key), 
	FOREIGN KEY(source_file_id) REFERENCES intake_files (id)
);

CREATE INDEX ix_contacts_campaign ON contacts (campaign);

CREATE INDEX ix_contacts_email ON contacts (email);

CREATE INDEX ix_contacts_iso3 ON contacts (iso3);

CREATE TABLE contact_changes (
	id SERIAL NOT NULL, 
	contact_id INTEGER NOT NULL, 
	field VARCHAR(64) NOT NULL, 
	old_value TEXT NOT NULL, 
	new_value TEXT NOT NULL, 
	source_file_id INTEGER, 
	changed_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(contact_id) REFERENCES contacts (id), 
	FOREIGN KEY(source_file_id) REFERENCES intake_files (id)
);

CREATE INDEX ix_contact_changes_contact_id ON contact_changes (contact_id);

CREATE TABLE letters (
	id SERIAL NOT NULL, 
	campaign VARCHAR(64) NOT NULL, 
	contact_id INTEGER NOT NULL, 
	language VARCHAR(2) NOT NULL, 
	path VARCHAR(1024) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	inputs_sha256 VARCHAR(64) NOT NULL, 
	rendered_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_letter_contact UNIQUE (campaign, contact_id), 
	FOREIGN KEY(contact_id) REFERENCES contacts (id)
);

CREATE INDEX ix_letters_campaign ON letters (campaign);

CREATE TABLE messages (
	id SERIAL NOT NULL, 
	campaign VARCHAR(64) NOT NULL, 
	contact_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	token VARCHAR(64) NOT NULL, 
	message_id VARCHAR(255) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	to_addrs JSON NOT NULL, 
	refused JSON NOT NULL, 
	last_smtp_code INTEGER, 
	last_smtp_answer TEXT NOT NULL, 
	claimed_by VARCHAR(128) NOT NULL, 
	scheduled_for TIMESTAMP WITH TIME ZONE, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	claimed_at TIMESTAMP WITH TIME ZONE, 
	sent_at TIMESTAMP WITH TIME ZONE, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_message_kind UNIQUE (campaign, contact_id, kind), 
	FOREIGN KEY(contact_id) REFERENCES contacts (id), 
	UNIQUE (token), 
	UNIQUE (message_id)
);

CREATE INDEX ix_messages_campaign_status ON messages (campaign, status);

CREATE INDEX ix_messages_contact_id ON messages (contact_id);

CREATE TABLE replies (
	id SERIAL NOT NULL, 
	campaign VARCHAR(64), 
	mailbox VARCHAR(255) NOT NULL, 
	uidvalidity BIGINT NOT NULL, 
	uid BIGINT NOT NULL, 
	message_id VARCHAR(998) NOT NULL, 
	from_addr VARCHAR(320) NOT NULL, 
	subject TEXT NOT NULL, 
	received_at TIMESTAMP WITH TIME ZONE, 
	kind VARCHAR(16) NOT NULL, 
	language VARCHAR(2), 
	evidence TEXT NOT NULL, 
	confidence FLOAT NOT NULL, 
	delegate TEXT NOT NULL, 
	return_date DATE, 
	bounce_recipient VARCHAR(320) NOT NULL, 
	bounce_permanent BOOLEAN, 
	matched_message_id INTEGER, 
	match_method VARCHAR(32) NOT NULL, 
	decided_by VARCHAR(16) NOT NULL, 
	decision_note TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	text_excerpt TEXT NOT NULL, 
	filed_to VARCHAR(255) NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	decided_at TIMESTAMP WITH TIME ZONE, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_reply_uid UNIQUE (mailbox, uidvalidity, uid), 
	FOREIGN KEY(matched_message_id) REFERENCES messages (id)
);

CREATE INDEX ix_replies_campaign_status ON replies (campaign, status);

CREATE INDEX ix_replies_matched_message_id ON replies (matched_message_id);

CREATE INDEX ix_replies_message_id ON replies (message_id);

CREATE INDEX ix_replies_unfiled ON replies (mailbox, uidvalidity, filed_to);
