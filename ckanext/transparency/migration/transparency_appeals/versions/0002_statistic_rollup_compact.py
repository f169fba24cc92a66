"""Appeals statistics rollup: open appeals by deadline in the rollup, no unused `status`
dimension, only the rows that change are written, and room on every page for in-place (HOT)
updates, so that the rollup stays small under a stream of appeal events.

Profile (1,000,000 appeals): `appeal_statistic` had 24,616 live rows in 204 MB (14 M row
versions from the trigger's upserts), and the open/overdue count read 100,000 open appeals
from `appeal` on every request.

Revision ID: 0002_statistic_rollup_compact
Revises: 0001_create_appeals
Create Date: 2026-11-26
"""
from alembic import op

revision = "0002_statistic_rollup_compact"
down_revision = "0001_create_appeals"
branch_labels = None
depends_on = None

KEYS_ARGS = ("registered_on date, owner_org text, type text, channel text, topic text, "
             "outcome text, completed_on date, due_on date, forward_due_on date, "
             "rating smallint, extended boolean")


def upgrade():
    op.execute(r"""
    -- (functions outlive `DROP TABLE appeal`, hence IF EXISTS / OR REPLACE)
    DROP TRIGGER IF EXISTS appeal_statistic_track ON appeal;
    DROP FUNCTION IF EXISTS appeal_statistic_track();
    DROP FUNCTION IF EXISTS appeal_statistic_apply(date, text, text, text, text, text, text, date, date,
                                         date, smallint, boolean, integer);

    -- The rollup rows (month x department x type x dimension x value) one appeal counts in.
    -- `open` (value: the deadline) holds the appeals not yet completed, so that "open now"
    -- and "overdue now" are read from the rollup against today's date.
    CREATE OR REPLACE FUNCTION appeal_statistic_keys(""" + KEYS_ARGS + r""")
    RETURNS TABLE (month date, owner_org text, type text, dimension text, value text)
    LANGUAGE sql STABLE AS $$
        SELECT date_trunc('month', registered_on)::date, owner_org, type, d.dimension, d.value
        FROM (
            SELECT 'total' AS dimension, '' AS value
            UNION ALL SELECT 'channel', channel
            UNION ALL SELECT 'topic', topic
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
            UNION ALL SELECT 'open', due_on::text WHERE completed_on IS NULL
        ) d
    $$;

    -- Scalar arguments rather than the row type: a function on the table's type would keep
    -- `DROP TABLE appeal` (ckan db clean, the test reset) from working.
    -- Only the rows whose count changes are written (a rating touches one row, not all).
    -- Deleting an appeal (a purge) leaves the statistics of what was received.
    CREATE OR REPLACE FUNCTION appeal_statistic_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO appeal_statistic AS s (month, owner_org, type, dimension, value, count)
        SELECT k.month, k.owner_org, k.type, k.dimension, k.value, sum(k.delta)
        FROM (
            SELECT n.*, 1 AS delta FROM appeal_statistic_keys(
                NEW.registered_on, NEW.owner_org, NEW.type, NEW.channel, NEW.topic,
                NEW.outcome, NEW.completed_on, NEW.due_on, NEW.forward_due_on, NEW.rating,
                NEW.extended) n
            UNION ALL
            SELECT o.*, -1 FROM appeal_statistic_keys(
                OLD.registered_on, OLD.owner_org, OLD.type, OLD.channel, OLD.topic,
                OLD.outcome, OLD.completed_on, OLD.due_on, OLD.forward_due_on, OLD.rating,
                OLD.extended) o
            WHERE TG_OP = 'UPDATE'
        ) k
        GROUP BY k.month, k.owner_org, k.type, k.dimension, k.value
        HAVING sum(k.delta) <> 0
        ORDER BY k.month, k.owner_org, k.type, k.dimension, k.value  -- one lock order
        ON CONFLICT (month, owner_org, type, dimension, value)
        DO UPDATE SET count = s.count + EXCLUDED.count;
        RETURN NULL;
    END $$;
    CREATE TRIGGER appeal_statistic_track AFTER INSERT ON appeal
        FOR EACH ROW EXECUTE FUNCTION appeal_statistic_track();
    CREATE TRIGGER appeal_statistic_track_update AFTER UPDATE ON appeal
        FOR EACH ROW
        WHEN ((OLD.registered_on, OLD.owner_org, OLD.type, OLD.channel, OLD.topic, OLD.outcome,
               OLD.completed_on, OLD.due_on, OLD.forward_due_on, OLD.rating, OLD.extended)
              IS DISTINCT FROM
              (NEW.registered_on, NEW.owner_org, NEW.type, NEW.channel, NEW.topic, NEW.outcome,
               NEW.completed_on, NEW.due_on, NEW.forward_due_on, NEW.rating, NEW.extended))
        EXECUTE FUNCTION appeal_statistic_track();

    -- A purged appeal stays in what was received, but is no longer open.
    CREATE OR REPLACE FUNCTION appeal_statistic_forget_open() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE appeal_statistic SET count = count - 1
        WHERE month = date_trunc('month', OLD.registered_on)::date
          AND owner_org = OLD.owner_org AND type = OLD.type AND dimension = 'open'
          AND value = OLD.due_on::text;
        RETURN NULL;
    END $$;
    CREATE TRIGGER appeal_statistic_forget_open AFTER DELETE ON appeal
        FOR EACH ROW WHEN (OLD.completed_on IS NULL)
        EXECUTE FUNCTION appeal_statistic_forget_open();

    DELETE FROM appeal_statistic WHERE dimension = 'status';
    INSERT INTO appeal_statistic AS s (month, owner_org, type, dimension, value, count)
    SELECT date_trunc('month', registered_on)::date, owner_org, type, 'open', due_on::text,
           count(*)
    FROM appeal WHERE completed_on IS NULL
    GROUP BY 1, 2, 3, 5
    ON CONFLICT (month, owner_org, type, dimension, value)
    DO UPDATE SET count = EXCLUDED.count;

    -- Half-empty pages keep a row's new version on its page (HOT, pruned without VACUUM);
    -- vacuum after a fixed number of changes, not after 20 % of a small table.
    ALTER TABLE appeal_statistic SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0,
        autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);
    CLUSTER appeal_statistic USING appeal_statistic_pkey;
    """)


def downgrade():
    op.execute(r"""
    DROP TRIGGER IF EXISTS appeal_statistic_track ON appeal;
    DROP TRIGGER IF EXISTS appeal_statistic_track_update ON appeal;
    DROP TRIGGER IF EXISTS appeal_statistic_forget_open ON appeal;
    DROP FUNCTION IF EXISTS appeal_statistic_track();
    DROP FUNCTION IF EXISTS appeal_statistic_forget_open();
    DROP FUNCTION IF EXISTS appeal_statistic_keys(""" + KEYS_ARGS + r""");
    ALTER TABLE appeal_statistic RESET (fillfactor, autovacuum_vacuum_scale_factor,
        autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor);
    DELETE FROM appeal_statistic WHERE dimension = 'open';
    INSERT INTO appeal_statistic (month, owner_org, type, dimension, value, count)
    SELECT date_trunc('month', registered_on)::date, owner_org, type, 'status', status,
           count(*)
    FROM appeal GROUP BY 1, 2, 3, 5;

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
