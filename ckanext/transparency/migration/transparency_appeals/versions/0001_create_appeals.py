"""Appeals: appeal, applicant (personal data), timeline, attachments, number counter,
reception schedule and the statistics rollup kept by a trigger.

Revision ID: 0001_create_appeals
Revises:
Create Date: 2026-11-27
"""
from alembic import op

revision = "0001_create_appeals"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute(r"""
    CREATE TABLE appeal_counter (
        year integer PRIMARY KEY,
        value integer NOT NULL
    );

    CREATE TABLE appeal_reception (
        id text PRIMARY KEY,
        owner_org text,
        position text NOT NULL,
        official text,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        weeks text NOT NULL DEFAULT '',
        starts time NOT NULL,
        ends time NOT NULL,
        place text NOT NULL,
        sign_up text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
    );

    CREATE TABLE appeal (
        id text PRIMARY KEY,
        number text NOT NULL UNIQUE,
        access_code_hash text NOT NULL,
        submission_key text UNIQUE,
        fingerprint text,
        type text NOT NULL,
        channel text NOT NULL,
        topic text NOT NULL,
        owner_org text NOT NULL,
        subject text NOT NULL,
        text text NOT NULL,
        status text NOT NULL,
        outcome text,
        assignee_id text,
        reception_id text REFERENCES appeal_reception (id) ON DELETE SET NULL,
        registered_at timestamp NOT NULL,
        registered_on date NOT NULL,
        needs_study boolean NOT NULL DEFAULT false,
        original_due_on date NOT NULL,
        due_on date NOT NULL,
        extended boolean NOT NULL DEFAULT false,
        forward_due_on date NOT NULL,
        forwarded_to text,
        completed_on date,
        completed_at timestamp,
        answer text,
        closed_at timestamp,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        rated_at timestamp,
        modified timestamp NOT NULL
    );
    CREATE INDEX appeal_owner_org_due_idx ON appeal (owner_org, due_on);
    CREATE INDEX appeal_open_due_idx ON appeal (due_on) WHERE completed_on IS NULL;
    CREATE INDEX appeal_registered_on_idx ON appeal (registered_on);

    -- Personal data: read only by staff code paths (appeal_show, the inbox, e-mail).
    CREATE TABLE appeal_applicant (
        appeal_id text PRIMARY KEY REFERENCES appeal (id) ON DELETE CASCADE,
        full_name text NOT NULL,
        address text NOT NULL DEFAULT '',
        phone text NOT NULL DEFAULT '',
        email text NOT NULL DEFAULT ''
    );

    CREATE TABLE appeal_event (
        id bigserial PRIMARY KEY,
        appeal_id text NOT NULL REFERENCES appeal (id) ON DELETE CASCADE,
        created timestamp NOT NULL,
        kind text NOT NULL,
        actor_id text,
        public boolean NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX appeal_event_appeal_idx ON appeal_event (appeal_id, id);

    -- The timeline is append-only.
    CREATE OR REPLACE FUNCTION appeal_event_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'appeal_event is append-only';
    END $$;
    CREATE TRIGGER appeal_event_frozen BEFORE UPDATE ON appeal_event
        FOR EACH ROW EXECUTE FUNCTION appeal_event_frozen();

    CREATE TABLE appeal_attachment (
        id text PRIMARY KEY,
        appeal_id text NOT NULL REFERENCES appeal (id) ON DELETE CASCADE,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        created timestamp NOT NULL
    );
    CREATE INDEX appeal_attachment_appeal_idx ON appeal_attachment (appeal_id);

    -- Counts by registration month x department x type x (dimension, value), so that the
    -- public statistics never scan the appeals themselves.
    CREATE TABLE appeal_statistic (
        month date NOT NULL,
        owner_org text NOT NULL,
        type text NOT NULL,
        dimension text NOT NULL,
        value text NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (month, owner_org, type, dimension, value)
    );

    -- Scalar arguments rather than the row type: a function on the table's type would keep
    -- `DROP TABLE appeal` (ckan db clean, the test reset) from working.
    CREATE OR REPLACE FUNCTION appeal_statistic_apply(
        registered_on date, owner_org text, type text, channel text, topic text, status text,
        outcome text, completed_on date, due_on date, forward_due_on date, rating smallint,
        extended boolean, delta integer) RETURNS void
    LANGUAGE sql AS $$
        INSERT INTO appeal_statistic AS s (month, owner_org, type, dimension, value, count)
        SELECT date_trunc('month', registered_on)::date, owner_org, type, d.dimension, d.value,
               delta
        FROM (
            SELECT 'total' AS dimension, '' AS value
            UNION ALL SELECT 'channel', channel
            UNION ALL SELECT 'topic', topic
            UNION ALL SELECT 'status', status
            UNION ALL SELECT 'outcome', outcome WHERE outcome IS NOT NULL
            UNION ALL SELECT 'days', (completed_on - registered_on)::text
                WHERE completed_on IS NOT NULL
            UNION ALL SELECT 'timeliness',
                CASE WHEN completed_on <= CASE WHEN outcome = 'forwarded'
                                               THEN forward_due_on ELSE due_on END
                     THEN 'on_time' ELSE 'late' END
                WHERE completed_on IS NOT NULL
            UNION ALL SELECT 'rating', rating::text WHERE rating IS NOT NULL
            UNION ALL SELECT 'extended', '' WHERE extended
        ) d
        ORDER BY d.dimension, d.value
        ON CONFLICT (month, owner_org, type, dimension, value)
        DO UPDATE SET count = s.count + EXCLUDED.count;
    $$;

    -- Deleting an appeal (a purge) leaves the statistics of what was received.
    CREATE OR REPLACE FUNCTION appeal_statistic_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            IF (OLD.registered_on, OLD.owner_org, OLD.type, OLD.channel, OLD.topic, OLD.status,
                OLD.outcome, OLD.completed_on, OLD.due_on, OLD.forward_due_on, OLD.rating,
                OLD.extended)
               IS NOT DISTINCT FROM
               (NEW.registered_on, NEW.owner_org, NEW.type, NEW.channel, NEW.topic, NEW.status,
                NEW.outcome, NEW.completed_on, NEW.due_on, NEW.forward_due_on, NEW.rating,
                NEW.extended) THEN
                RETURN NULL;
            END IF;
            PERFORM appeal_statistic_apply(
                OLD.registered_on, OLD.owner_org, OLD.type, OLD.channel, OLD.topic, OLD.status,
                OLD.outcome, OLD.completed_on, OLD.due_on, OLD.forward_due_on, OLD.rating,
                OLD.extended, -1);
        END IF;
        PERFORM appeal_statistic_apply(
            NEW.registered_on, NEW.owner_org, NEW.type, NEW.channel, NEW.topic, NEW.status,
            NEW.outcome, NEW.completed_on, NEW.due_on, NEW.forward_due_on, NEW.rating,
            NEW.extended, 1);
        RETURN NULL;
    END $$;
    CREATE TRIGGER appeal_statistic_track AFTER INSERT OR UPDATE ON appeal
        FOR EACH ROW EXECUTE FUNCTION appeal_statistic_track();
    """)


def downgrade():
    op.execute("""
    DROP TABLE IF EXISTS appeal_statistic, appeal_attachment, appeal_event, appeal_applicant,
        appeal, appeal_reception, appeal_counter CASCADE;
    DROP FUNCTION IF EXISTS appeal_statistic_track(), appeal_statistic_apply(date, text, text, text, text, text, text, date, date, date, smallint, boolean, integer),
        appeal_event_frozen();
    """)
