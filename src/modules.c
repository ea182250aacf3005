/*
 * The module list, in dependency order: a module uses only modules listed
 * before it (scripts/lint.mjs checks the includes). Adding a module is its
 * folder under src/mod/ and one line here (docs/architecture.md, "Adding a
 * module"): X(NAME) names the descriptor NAME_module its folder defines.
 * The command line (main.c), the unit tests, the fuzzers and the benchmark
 * generator install this same list.
 */
#include "modules.h"

#define MODULES(X)  \
    X(kernel)        \
    X(edge)          \
    X(notification)  \
    X(place)         \
    X(people)        \
    X(roster)        \
    X(passcode)      \
    X(signin)        \
    X(search)        \
    X(points)        \
    X(matter)        \
    X(comment)       \
    X(photo)         \
    X(opinion)       \
    X(council)       \
    X(vote)          \
    X(budget)        \
    X(meeting_photo) \
    X(project)       \
    X(volunteer)     \
    X(shop)          \
    X(contest)       \
    X(satisfaction)  \
    X(evaluation)    \
    X(facility)      \
    X(report)        \
    X(rota)          \
    X(patrol)        \
    X(open311)       \
    X(dashboard)     \
    X(upward)        \
    X(result)        \
    X(disclosure)    \
    X(home)          \
    X(demo)

#define DECLARE(name) extern const struct module name##_module;
#define ADDRESS(name) &name##_module,
MODULES(DECLARE)
static const struct module *const list[] = {MODULES(ADDRESS) NULL};

int modules_install(void)
{
    return module_install(list);
}
