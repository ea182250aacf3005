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
  household_id INTEGER NOT NULL,
  month        INTEGER NOT NULL, -- the Unix time its month starts, China time (UTC+8)
  community_id INTEGER NOT NULL, -- the community of the records
  n            INTEGER NOT NULL, -- how many; a row at 0 is deleted
  PRIMARY KEY (household_id, month, community_id)
) WITHOUT ROWID;

-- One record counted (d = 1) or no longer (d = -1), through a view so
-- that each table's triggers say only which columns are which.
CREATE VIEW dashboard_touch(person_id, household_id, community_id, at, d) AS
  SELECT 0, 0, 0, 0, 0 WHERE 0;
CREATE TRIGGER dashboard_touch_add INSTEAD OF INSERT ON dashboard_touch WHEN NEW.d > 0 BEGIN
  INSERT INTO dashboard_activity(household_id, month, community_id, n)
  SELECT h, CAST(strftime('%s', NEW.at + 28800, 'unixepoch', 'start of month') AS INTEGER) - 28800, NEW.community_id, 1
  FROM (SELECT NEW.household_id AS h WHERE NEW.household_id > 0 UNION
        SELECT ra.place_id FROM role_assignment ra WHERE ra.person_id = NEW.person_id AND ra.role = 'resident')
  WHERE true ON CONFLICT (household_id, month, community_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER dashboard_touch_remove INSTEAD OF INSERT ON dashboard_touch WHEN NEW.d < 0 BEGIN
  UPDATE dashboard_activity SET n = n - 1
  WHERE month = CAST(strftime('%s', NEW.at + 28800, 'unixepoch', 'start of month') AS INTEGER) - 28800
    AND community_id = NEW.community_id
    AND household_id IN (SELECT NEW.household_id UNION
                         SELECT ra.place_id FROM role_assignment ra WHERE ra.person_id = NEW.person_id AND ra.role = 'resident');
  DELETE FROM dashboard_activity WHERE n <= 0
    AND month = CAST(strftime('%s', NEW.at + 28800, 'unixepoch', 'start of month') AS INTEGER) - 28800
    AND community_id = NEW.community_id
    AND household_id IN (SELECT NEW.household_id UNION
                         SELECT ra.place_id FROM role_assignment ra WHERE ra.person_id = NEW.person_id AND ra.role = 'resident');
END;

CREATE TRIGGER dashboard_opinion_i AFTER INSERT ON opinion BEGIN
  INSERT INTO dashboard_touch VALUES (NEW.author_id, 0, NEW.community_id, NEW.created_at, 1);
END;
CREATE TRIGGER dashboard_opinion_d AFTER DELETE ON opinion BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.author_id, 0, OLD.community_id, OLD.created_at, -1);
END;
CREATE TRIGGER dashboard_opinion_u AFTER UPDATE OF author_id, community_id, created_at ON opinion BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.author_id, 0, OLD.community_id, OLD.created_at, -1);
  INSERT INTO dashboard_touch VALUES (NEW.author_id, 0, NEW.community_id, NEW.created_at, 1);
END;

CREATE TRIGGER dashboard_opinion_support_i AFTER INSERT ON opinion_support BEGIN
  INSERT INTO dashboard_touch VALUES (NEW.person_id, 0, NEW.community_id, NEW.created_at, 1);
END;
CREATE TRIGGER dashboard_opinion_support_d AFTER DELETE ON opinion_support BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.person_id, 0, OLD.community_id, OLD.created_at, -1);
END;
CREATE TRIGGER dashboard_opinion_support_u AFTER UPDATE OF person_id, community_id, created_at ON opinion_support BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.person_id, 0, OLD.community_id, OLD.created_at, -1);
  INSERT INTO dashboard_touch VALUES (NEW.person_id, 0, NEW.community_id, NEW.created_at, 1);
END;

CREATE TRIGGER dashboard_matter_support_i AFTER INSERT ON matter_support BEGIN
  INSERT INTO dashboard_touch VALUES (0, NEW.household_id, NEW.community_id, NEW.created_at, 1);
END;
CREATE TRIGGER dashboard_matter_support_d AFTER DELETE ON matter_support BEGIN
  INSERT INTO dashboard_touch VALUES (0, OLD.household_id, OLD.community_id, OLD.created_at, -1);
END;
CREATE TRIGGER dashboard_matter_support_u AFTER UPDATE OF household_id, community_id, created_at ON matter_support BEGIN
  INSERT INTO dashboard_touch VALUES (0, OLD.household_id, OLD.community_id, OLD.created_at, -1);
  INSERT INTO dashboard_touch VALUES (0, NEW.household_id, NEW.community_id, NEW.created_at, 1);
END;

CREATE TRIGGER dashboard_report_i AFTER INSERT ON report BEGIN
  INSERT INTO dashboard_touch VALUES (NEW.reporter_id, 0, NEW.community_id, NEW.created_at, 1);
END;
CREATE TRIGGER dashboard_report_d AFTER DELETE ON report BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.reporter_id, 0, OLD.community_id, OLD.created_at, -1);
END;
CREATE TRIGGER dashboard_report_u AFTER UPDATE OF reporter_id, community_id, created_at ON report BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.reporter_id, 0, OLD.community_id, OLD.created_at, -1);
  INSERT INTO dashboard_touch VALUES (NEW.reporter_id, 0, NEW.community_id, NEW.created_at, 1);
END;

-- a rating: a household's answer about another module's subject (a
-- report's rating; mod/satisfaction's satisfaction_answer, report's 0003)
CREATE TRIGGER dashboard_satisfaction_answer_i AFTER INSERT ON satisfaction_answer BEGIN
  INSERT INTO dashboard_touch VALUES (NEW.person_id, 0, NEW.community_id, NEW.at, 1);
END;
CREATE TRIGGER dashboard_satisfaction_answer_d AFTER DELETE ON satisfaction_answer BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.person_id, 0, OLD.community_id, OLD.at, -1);
END;
CREATE TRIGGER dashboard_satisfaction_answer_u AFTER UPDATE OF person_id, community_id, at ON satisfaction_answer BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.person_id, 0, OLD.community_id, OLD.at, -1);
  INSERT INTO dashboard_touch VALUES (NEW.person_id, 0, NEW.community_id, NEW.at, 1);
END;

-- volunteer service counts once confirmed with its minutes
CREATE TRIGGER dashboard_volunteer_signup_i AFTER INSERT ON volunteer_signup
WHEN NEW.minutes > 0 AND NEW.confirmed_at IS NOT NULL BEGIN
  INSERT INTO dashboard_touch VALUES (NEW.person_id, 0, NEW.community_id, NEW.confirmed_at, 1);
END;
CREATE TRIGGER dashboard_volunteer_signup_d AFTER DELETE ON volunteer_signup
WHEN OLD.minutes > 0 AND OLD.confirmed_at IS NOT NULL BEGIN
  INSERT INTO dashboard_touch VALUES (OLD.person_id, 0, OLD.community_id, OLD.confirmed_at, -1);
END;
CREATE TRIGGER dashboard_volunteer_signup_u AFTER UPDATE OF person_id, community_id, minutes, confirmed_at ON volunteer_signup BEGIN
  INSERT INTO dashboard_touch SELECT OLD.person_id, 0, OLD.community_id, OLD.confirmed_at, -1
  WHERE OLD.minutes > 0 AND OLD.confirmed_at IS NOT NULL;
  INSERT INTO dashboard_touch SELECT NEW.person_id, 0, NEW.community_id, NEW.confirmed_at, 1
  WHERE NEW.minutes > 0 AND NEW.confirmed_at IS NOT NULL;
END;

CREATE TRIGGER dashboard_satisfaction_response_i AFTER INSERT ON satisfaction_response BEGIN
  INSERT INTO dashboard_touch VALUES (0, NEW.household_id, NEW.community_id, NEW.at, 1);
END;
CREATE TRIGGER dashboard_satisfaction_response_d AFTER DELETE ON satisfaction_response BEGIN
  INSERT INTO dashboard_touch VALUES (0, OLD.household_id, OLD.community_id, OLD.at, -1);
END;
CREATE TRIGGER dashboard_satisfaction_response_u AFTER UPDATE OF household_id, community_id, at ON satisfaction_response BEGIN
  INSERT INTO dashboard_touch VALUES (0, OLD.household_id, OLD.community_id, OLD.at, -1);
  INSERT INTO dashboard_touch VALUES (0, NEW.household_id, NEW.community_id, NEW.at, 1);
END;

-- the records already there
INSERT INTO dashboard_activity(household_id, month, community_id, n)
SELECT h, CAST(strftime('%s', t + 28800, 'unixepoch', 'start of month') AS INTEGER) - 28800 AS m, c, COUNT(*)
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
      UNION ALL SELECT x.household_id, x.community_id, x.at FROM satisfaction_response x)
GROUP BY h, m, c;
