/* Build tool: writes a C file holding the given files as byte arrays.
 * usage: embed OUT.c STRIP_PREFIX FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: embed OUT.c STRIP_PREFIX FILE...\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        return 1;
    }
    size_t strip = strlen(argv[2]);
    fprintf(out, "#include <string.h>\n#include \"core/embed.h\"\n");
    for (int i = 3; i < argc; i++) {
        FILE *in = fopen(argv[i], "rb");
        if (in == NULL) {
            perror(argv[i]);
            return 1;
        }
        fprintf(out, "static const unsigned char f%d[] = {", i);
        int c;
        size_t n = 0;
        while ((c = fgetc(in)) != EOF)
            fprintf(out, "%s%d,", (n++ % 32) ? "" : "\n", c);
        fprintf(out, "0};\n");
        fclose(in);
    }
    fprintf(out, "const struct embed_file embed_files[] = {\n");
    for (int i = 3; i < argc; i++) {
        const char *name = strncmp(argv[i], argv[2], strip) == 0 ? argv[i] + strip : argv[i];
        fprintf(out, "  {\"%s\", f%d, sizeof f%d - 1},\n", name, i, i);
    }
    fprintf(out, "  {0, 0, 0}};\nconst size_t embed_count = %d;\n", argc - 3);
    fprintf(out, "const struct embed_file *embed_find(const char *name)\n{\n"
                 "    for (size_t i = 0; i < embed_count; i++)\n"
                 "        if (strcmp(embed_files[i].name, name) == 0)\n"
                 "            return &embed_files[i];\n"
                 "    return NULL;\n}\n");
    return fclose(out) == 0 ? 0 : 1;
}
