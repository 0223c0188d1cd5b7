/* Checks allocator.c on its own: sizes across every class and past it, the
 * bytes a block keeps through realloc, strdup, alignment, no two live blocks
 * overlapping, refused sizes, and blocks freed on another thread.
 * Built and run by LibYAMLArchiveTests:
 *   cc -O2 -pthread allocator-check.c OUT_DIR/libyaml.a && ./a.out
 * Prints "allocator-check: N checks passed" or the first failure (exit 1). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *probelint_yaml_malloc(size_t size);
void *probelint_yaml_realloc(void *block, size_t size);
void probelint_yaml_free(void *block);
char *probelint_yaml_strdup(const char *text);

static unsigned long checks;
#define CHECK(cond, ...) do { checks++; if (!(cond)) { fprintf(stderr, "allocator-check: %s:%d: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(1); } } while (0)

static unsigned char pattern(size_t block, size_t i) { return (unsigned char)(block * 131 + i * 7 + 1); }

static void fill(unsigned char *p, size_t size, size_t tag) { for (size_t i = 0; i < size; i++) p[i] = pattern(tag, i); }

static int intact(const unsigned char *p, size_t size, size_t tag) {
    for (size_t i = 0; i < size; i++) if (p[i] != pattern(tag, i)) return 0;
    return 1;
}

/* Many live blocks of every size up to 2,100 bytes, each filled with its own
 * bytes: if any two overlapped, one would be overwritten. */
static void live_blocks_do_not_overlap(int rounds) {
    enum { N = 2100 };
    static unsigned char *blocks[N];
    for (int round = 0; round < rounds; round++) {
        for (size_t size = 0; size < N; size++) {
            blocks[size] = probelint_yaml_malloc(size);
            CHECK(blocks[size] != NULL, "malloc(%zu) failed", size);
            CHECK(((uintptr_t)blocks[size] & 15) == 0, "malloc(%zu) is not 16-byte aligned", size);
            fill(blocks[size], size, size + (size_t)round);
        }
        for (size_t size = 0; size < N; size++) CHECK(intact(blocks[size], size, size + (size_t)round), "block of %zu bytes overwritten", size);
        /* Free every other one and take them again: the free lists must hand out whole blocks. */
        for (size_t size = 0; size < N; size += 2) probelint_yaml_free(blocks[size]);
        for (size_t size = 0; size < N; size += 2) { blocks[size] = probelint_yaml_malloc(size); fill(blocks[size], size, size + 7); }
        for (size_t size = 0; size < N; size++)
            CHECK(intact(blocks[size], size, size + (size % 2 ? (size_t)round : 7)), "block of %zu bytes overwritten after reuse", size);
        for (size_t size = 0; size < N; size++) probelint_yaml_free(blocks[size]);
    }
}

/* A string grown the way libyaml grows its buffers (doubling from 16) and
 * from 1 byte at a time, then shrunk: its bytes stay. */
static void realloc_keeps_bytes(void) {
    size_t size = 16;
    unsigned char *p = probelint_yaml_malloc(size);
    fill(p, size, 3);
    while (size < (1u << 20)) {
        p = probelint_yaml_realloc(p, size * 2);
        CHECK(p != NULL, "realloc to %zu failed", size * 2);
        CHECK(intact(p, size, 3), "realloc from %zu to %zu lost bytes", size, size * 2);
        size *= 2;
        fill(p, size, 3);
    }
    for (size_t smaller = size / 3; smaller > 0; smaller /= 3) {
        p = probelint_yaml_realloc(p, smaller);
        CHECK(p != NULL && intact(p, smaller, 3), "shrinking to %zu lost bytes", smaller);
    }
    probelint_yaml_free(p);
    p = NULL;
    for (size_t grown = 1; grown <= 3000; grown++) {
        p = probelint_yaml_realloc(p, grown);
        CHECK(p != NULL, "realloc to %zu failed", grown);
        CHECK(intact(p, grown - 1, 5), "growing to %zu lost bytes", grown);
        p[grown - 1] = pattern(5, grown - 1);
    }
    probelint_yaml_free(p);
}

static void strdup_copies(void) {
    char text[3000];
    for (size_t length = 0; length < sizeof text; length += 37) {
        memset(text, 'a' + (int)(length % 26), length);
        text[length] = 0;
        char *copy = probelint_yaml_strdup(text);
        CHECK(copy != NULL && copy != text && strcmp(copy, text) == 0, "strdup of %zu bytes", length);
        probelint_yaml_free(copy);
    }
    /* libyaml's parser calls this in place of yaml_strdup, which gives NULL for NULL. */
    CHECK(probelint_yaml_strdup(NULL) == NULL, "strdup(NULL) is not NULL");
}

static void refused_sizes_fail_cleanly(void) {
    probelint_yaml_free(NULL);
    CHECK(probelint_yaml_malloc(SIZE_MAX) == NULL, "malloc(SIZE_MAX) did not fail");
    CHECK(probelint_yaml_malloc(SIZE_MAX - 8) == NULL, "malloc(SIZE_MAX - 8) did not fail");
    unsigned char *small = probelint_yaml_malloc(10), *large = probelint_yaml_malloc(5000);
    fill(small, 10, 9);
    fill(large, 5000, 9);
    CHECK(probelint_yaml_realloc(small, SIZE_MAX) == NULL && intact(small, 10, 9), "realloc(small, SIZE_MAX) broke the block");
    CHECK(probelint_yaml_realloc(large, SIZE_MAX - 4) == NULL && intact(large, 5000, 9), "realloc(large, SIZE_MAX - 4) broke the block");
    probelint_yaml_free(small);
    probelint_yaml_free(large);
    unsigned char *fresh = probelint_yaml_realloc(NULL, 40);
    CHECK(fresh != NULL, "realloc(NULL, 40) failed");
    probelint_yaml_free(fresh);
}

/* Blocks made on one thread and freed on another go to the freeing thread's
 * lists; that thread's later blocks must still be whole and apart. */
enum { HANDED = 5000 };
static unsigned char *handed[HANDED];

static void *make_blocks(void *unused) {
    (void)unused;
    for (size_t i = 0; i < HANDED; i++) { handed[i] = probelint_yaml_malloc(i % 700); fill(handed[i], i % 700, i); }
    return NULL;
}

static void *free_and_reuse(void *unused) {
    (void)unused;
    for (size_t i = 0; i < HANDED; i++) { CHECK(intact(handed[i], i % 700, i), "handed block %zu changed", i); probelint_yaml_free(handed[i]); }
    live_blocks_do_not_overlap(2);
    return NULL;
}

static void blocks_cross_threads(void) {
    pthread_t maker, freer;
    CHECK(pthread_create(&maker, NULL, make_blocks, NULL) == 0, "pthread_create");
    pthread_join(maker, NULL);
    CHECK(pthread_create(&freer, NULL, free_and_reuse, NULL) == 0, "pthread_create");
    pthread_join(freer, NULL);
}

int main(void) {
    live_blocks_do_not_overlap(3);
    realloc_keeps_bytes();
    strdup_copies();
    refused_sizes_fail_cleanly();
    blocks_cross_threads();
    printf("allocator-check: %lu checks passed\n", checks);
    return 0;
}
