/* edge/sheet: CSV fields (RFC 4180 quoting, formula neutralisation), a
 * whole CSV file (BOM, CRLF, types, blanks), an XLSX file that is a zip
 * of the right size, and the file removed from the directory at once. */
#include "t.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "edge/sheet.h"

static const char *field(const char *s)
{
    static char out[256];
    sheet_csv_field(s, out);
    return out;
}

static void test_sheet_csv_field(void)
{
    CHECK_STR(field("plain 文字"), "plain 文字");
    CHECK_STR(field("a,b"), "\"a,b\"");
    CHECK_STR(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    CHECK_STR(field("two\nlines"), "\"two\nlines\"");
    CHECK_STR(field("cr\rhere"), "\"cr\rhere\"");
    CHECK_STR(field("=1+1"), "'=1+1");
    CHECK_STR(field("+86 138"), "'+86 138");
    CHECK_STR(field("-2"), "'-2");
    CHECK_STR(field("@SUM(A1)"), "'@SUM(A1)");
    CHECK_STR(field("\tx"), "'\tx");
    CHECK_STR(field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK_STR(field("a=b"), "a=b"); /* only a leading sign is a formula */
    CHECK_STR(field(""), "");
}

/* Files of the form wugong-sheet-* left in dir. */
static int leftovers(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += strncmp(e->d_name, "wugong-sheet-", 13) == 0;
    if (d)
        closedir(d);
    return n;
}

static const struct sheet_col cols[] = {
    {"id", SHEET_INT, 8}, {"name", SHEET_TEXT, 20}, {"share", SHEET_PERCENT, 8},
    {"cost", SHEET_DECIMAL, 8}, {"when", SHEET_TIME, 17},
};
static const char *const heads[] = {"编号", "名称", "比例", "金额", "时间"};

static void test_sheet_csv_file(void)
{
    char dir[] = "/tmp/wugong-sheet-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    sheet *sh = NULL;
    CHECK_INT(sheet_open(SHEET_CSV, "表", cols, heads, 5, dir, &sh), 0);
    CHECK_INT(leftovers(dir), 0); /* unlinked at once */
    sheet_int(sh, 7);
    sheet_text(sh, "=cmd");
    sheet_num(sh, 0.855);
    sheet_num(sh, -12.5);
    sheet_time(sh, 1764633600); /* 2025-12-02 00:00 UTC: 08:00 in China */
    sheet_row_end(sh);
    sheet_int(sh, 8);
    sheet_row_end(sh); /* the rest blank */
    CHECK_INT(sheet_rows(sh), 2);
    int fd = -1;
    size_t len = 0;
    CHECK_INT(sheet_finish(sh, &fd, &len), 0);
    char got[512] = "";
    CHECK(len < sizeof got);
    CHECK_INT(read(fd, got, sizeof got - 1), (long long)len);
    close(fd);
    CHECK_STR(got, "\xEF\xBB\xBF编号,名称,比例,金额,时间\r\n7,'=cmd,85.5%,-12.50,2025-12-02 08:00\r\n8,,,,\r\n");
    rmdir(dir);
}

static void test_sheet_xlsx_file(void)
{
    char dir[] = "/tmp/wugong-sheet-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    sheet *sh = NULL;
    CHECK_INT(sheet_open(SHEET_XLSX, "a name longer than thirty-one characters: [cut]", cols, heads, 5, dir, &sh), 0);
    for (int i = 0; i < 1000; i++) {
        sheet_int(sh, i);
        sheet_text(sh, "楼道灯");
        sheet_row_end(sh);
    }
    int fd = -1;
    size_t len = 0;
    CHECK_INT(sheet_finish(sh, &fd, &len), 0);
    CHECK_INT(leftovers(dir), 0); /* the zip's own name is gone too */
    char magic[2] = "";
    CHECK_INT(read(fd, magic, 2), 2);
    CHECK(magic[0] == 'P' && magic[1] == 'K');
    CHECK(len > 1000);
    close(fd);
    /* an aborted sheet leaves nothing either */
    CHECK_INT(sheet_open(SHEET_XLSX, "x", cols, heads, 5, dir, &sh), 0);
    sheet_int(sh, 1);
    sheet_row_end(sh);
    sheet_abort(sh);
    CHECK_INT(leftovers(dir), 0);
    CHECK_INT(rmdir(dir), 0);
    /* nowhere to write: a clean failure */
    CHECK_INT(sheet_open(SHEET_CSV, "x", cols, heads, 5, "/nonexistent/dir", &sh), WG_EDB);
    CHECK_INT(sheet_open(SHEET_XLSX, "x", cols, heads, 5, "/nonexistent/dir", &sh), WG_EDB);
}

int main(void)
{
    T_RUN(test_sheet_csv_field);
    T_RUN(test_sheet_csv_file);
    T_RUN(test_sheet_xlsx_file);
    T_END();
}
