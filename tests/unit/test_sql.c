/* The store's statement helpers: which statements are reads (they may go
 * to a replica, and run without the writer lock). */
#include "t.h"

#include "store/sql.h"

static void test_sql_is_read(void)
{
    CHECK(sql_is_read("SELECT 1"));
    CHECK(sql_is_read("  \n select id FROM place"));
    /* a read that starts with WITH: the council's meeting reads (found in review) */
    CHECK(sql_is_read("WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < 3) SELECT k FROM seq"));
    CHECK(sql_is_read("with m as (select * from meeting) select * from m where note = 'INSERT or UPDATE'"));
    CHECK(sql_is_read("WITH \"update\" AS (SELECT 1) SELECT * FROM \"update\""));
    /* writes */
    CHECK(!sql_is_read("WITH x AS (SELECT 1) INSERT INTO job SELECT * FROM x"));
    CHECK(!sql_is_read("WITH d AS (DELETE FROM job RETURNING id) SELECT count(*) FROM d"));
    CHECK(!sql_is_read("with x as (select 1) update job set due_at = 0"));
    CHECK(!sql_is_read("INSERT INTO job VALUES (1)"));
    CHECK(!sql_is_read("UPDATE vote SET status = 'closed'"));
    CHECK(!sql_is_read("SELECTED"));
    CHECK(!sql_is_read("WITHOUT"));
    CHECK(!sql_is_read(""));
}

int main(void)
{
    T_RUN(test_sql_is_read);
    T_END();
}
