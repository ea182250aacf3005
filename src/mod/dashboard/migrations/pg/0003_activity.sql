-- Participation (households that took part in a period) read a year of
-- every record that counts, each mapped to its household: seconds for a
-- street. dashboard_activity holds, per household, community and month,
-- how many records of its residents (or of the household) there were:
-- an opinion, a support of an opinion or a matter, a report, a rating,
-- confirmed volunteer service, a survey answer. The triggers below keep it
-- in the transaction of the record's own insert, update or delete, so it
-- is never behind; a resident's record counts for the households she is a
-- resident of when it is written (roles are only ever added). The
-- migration fills it from the records already there.
CREATE TABLE dashboard_activity (
  household_id BIGINT NOT NULL,
  month        BIGINT NOT NULL, -- the Unix time its month starts, China time (UTC+8)
  community_id BIGINT NOT NULL, -- the community of the records
  n            BIGINT NOT NULL, -- how many; a row at 0 is deleted
  PRIMARY KEY (household_id, month, community_id)
);

CREATE FUNCTION dashboard_month(t BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
  SELECT CAST(extract(epoch FROM date_trunc('month', to_timestamp(t + 28800) AT TIME ZONE 'UTC')) AS BIGINT) - 28800
$$;

-- One record counted (d = 1) or no longer (d = -1): the household's, or
-- each household the person is a resident of.
CREATE FUNCTION dashboard_touch(person BIGINT, household BIGINT, community BIGINT, t BIGINT, d INT)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d > 0 THEN
    INSERT INTO dashboard_activity(household_id, month, community_id, n)
    SELECT h, dashboard_month(t), community, 1
    FROM (SELECT household AS h WHERE household > 0 UNION
          SELECT ra.place_id FROM role_assignment ra WHERE ra.person_id = person AND ra.role = 'resident') x
    ON CONFLICT (household_id, month, community_id) DO UPDATE SET n = dashboard_activity.n + 1;
  ELSE
    UPDATE dashboard_activity SET n = n - 1
    WHERE month = dashboard_month(t) AND community_id = community
      AND household_id IN (SELECT household UNION
                           SELECT ra.place_id FROM role_assignment ra WHERE ra.person_id = person AND ra.role = 'resident');
    DELETE FROM dashboard_activity WHERE n <= 0 AND month = dashboard_month(t) AND community_id = community
      AND household_id IN (SELECT household UNION
                           SELECT ra.place_id FROM role_assignment ra WHERE ra.person_id = person AND ra.role = 'resident');
  END IF;
END $$;

-- Each table's trigger says which columns are which; "counts" says
-- whether a row counts at all (volunteer service once confirmed).
CREATE FUNCTION dashboard_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o jsonb;
  n jsonb;
  pc text := TG_ARGV[0]; -- the person's column, or ''
  hc text := TG_ARGV[1]; -- the household's column, or ''
  tc text := TG_ARGV[2]; -- the time's column
BEGIN
  IF TG_OP <> 'INSERT' THEN
    o := to_jsonb(OLD);
    IF TG_TABLE_NAME <> 'volunteer_signup' OR (COALESCE((o->>'minutes')::bigint, 0) > 0 AND o->>'confirmed_at' IS NOT NULL) THEN
      PERFORM dashboard_touch(CASE WHEN pc = '' THEN 0 ELSE (o->>pc)::bigint END,
                              CASE WHEN hc = '' THEN 0 ELSE (o->>hc)::bigint END,
                              (o->>'community_id')::bigint, (o->>tc)::bigint, -1);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    n := to_jsonb(NEW);
    IF TG_TABLE_NAME <> 'volunteer_signup' OR (COALESCE((n->>'minutes')::bigint, 0) > 0 AND n->>'confirmed_at' IS NOT NULL) THEN
      PERFORM dashboard_touch(CASE WHEN pc = '' THEN 0 ELSE (n->>pc)::bigint END,
                              CASE WHEN hc = '' THEN 0 ELSE (n->>hc)::bigint END,
                              (n->>'community_id')::bigint, (n->>tc)::bigint, 1);
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER dashboard_opinion AFTER INSERT OR DELETE OR UPDATE OF author_id, community_id, created_at ON opinion
  FOR EACH ROW EXECUTE FUNCTION dashboard_record('author_id', '', 'created_at');
CREATE TRIGGER dashboard_opinion_support AFTER INSERT OR DELETE OR UPDATE OF person_id, community_id, created_at
  ON opinion_support FOR EACH ROW EXECUTE FUNCTION dashboard_record('person_id', '', 'created_at');
CREATE TRIGGER dashboard_matter_support AFTER INSERT OR DELETE OR UPDATE OF household_id, community_id, created_at
  ON matter_support FOR EACH ROW EXECUTE FUNCTION dashboard_record('', 'household_id', 'created_at');
CREATE TRIGGER dashboard_report AFTER INSERT OR DELETE OR UPDATE OF reporter_id, community_id, created_at ON report
  FOR EACH ROW EXECUTE FUNCTION dashboard_record('reporter_id', '', 'created_at');
CREATE TRIGGER dashboard_satisfaction_answer AFTER INSERT OR DELETE OR UPDATE OF person_id, community_id, at
  ON satisfaction_answer FOR EACH ROW EXECUTE FUNCTION dashboard_record('person_id', '', 'at');
CREATE TRIGGER dashboard_volunteer_signup AFTER INSERT OR DELETE OR UPDATE OF person_id, community_id, minutes, confirmed_at
  ON volunteer_signup FOR EACH ROW EXECUTE FUNCTION dashboard_record('person_id', '', 'confirmed_at');
CREATE TRIGGER dashboard_satisfaction_response AFTER INSERT OR DELETE OR UPDATE OF household_id, community_id, at
  ON satisfaction_response FOR EACH ROW EXECUTE FUNCTION dashboard_record('', 'household_id', 'at');

-- the records already there
INSERT INTO dashboard_activity(household_id, month, community_id, n)
SELECT h, dashboard_month(t), c, COUNT(*)
FROM (SELECT ra.place_id AS h, x.community_id AS c, x.created_at AS t FROM opinion x
      JOIN role_assignment ra ON ra.person_id = x.author_id AND ra.role = 'resident'
      UNION ALL SELECT ra.place_id, x.community_id, x.created_at FROM opinion_support x
      JOIN role_assignment ra ON ra.person_id = x.person_id AND ra.role = 'resident'
      UNION ALL SELECT x.household_id, x.community_id, x.created_at FROM matter_support x
      UNION ALL SELECT ra.place_id, x.community_id, x.created_at FROM report x
      JOIN role_assignment ra ON ra.person_id = x.reporter_id AND ra.role = 'resident'
      UNION ALL SELECT ra.place_id, x.community_id, x.at FROM satisfaction_answer x
      JOIN role_assignment ra ON ra.person_id = x.person_id AND ra.role = 'resident'
      UNION ALL SELECT ra.place_id, x.community_id, x.confirmed_at FROM volunteer_signup x
      JOIN role_assignment ra ON ra.person_id = x.person_id AND ra.role = 'resident'
      WHERE x.minutes > 0 AND x.confirmed_at IS NOT NULL
      UNION ALL SELECT x.household_id, x.community_id, x.at FROM satisfaction_response x) AS r
GROUP BY h, dashboard_month(t), c;
