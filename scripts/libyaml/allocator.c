/* libyaml's allocator in probelint's static release binary.
 *
 * libyaml has no allocator hook: every block it takes or gives back goes
 * through yaml_malloc, yaml_realloc, yaml_free and yaml_strdup in its api.o,
 * which call malloc, realloc, free and strdup. scripts/libyaml/build-archive
 * copies the system's libyaml.a and renames those four references in api.o
 * (and only there) to the functions below, so that libyaml, and nothing else
 * in the process, allocates here. The other objects' calls of the four
 * wrappers are renamed to them too: each does what its wrapper adds (size 0
 * is a block, NULL is no block).
 *
 * Why: libyaml makes about four small blocks per plain scalar (the scalar's
 * text and three scratch strings of 16 bytes, doubled as they grow) and frees
 * them at once; on 5 MB of manifests that is 1.4 million malloc and free pairs,
 * about 180 million instructions in glibc (bench/README.md). Here a small block
 * comes from a per-thread free list of its size class, about ten instructions
 * each way.
 *
 * Layout: every block has a 16-byte header holding its size class (a multiple
 * of 16 bytes up to SMALL_LIMIT) or 0 for a large block, which is glibc's
 * malloc'd memory behind the header. Small blocks are cut from 64 KiB chunks
 * and never returned to glibc: a freed one goes on the free list of the thread
 * that frees it (libyaml parses on one thread at a time, so that is normally
 * the thread that made it), ready for the next block of its class. The memory
 * kept is therefore the most that libyaml ever held at once on each thread:
 * a document's tokens and events, some kilobytes.
 *
 * Only release builds link this (PROBELINT_STATIC_LIBYAML=1 with the archive
 * from build-archive); the development build and the sanitizer builds use the
 * system's libyaml with glibc's malloc, so AddressSanitizer still sees every
 * libyaml block. Tests: Tests/ProbeLintTests/Output/LibYAMLArchiveTests.swift
 * (allocator-check.c, and libyaml linked with this against libyaml with glibc
 * on the corpus) and ReleaseTests (the release binary against the development
 * build). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HEADER 16
#define SMALL_LIMIT 1024
#define CLASSES (SMALL_LIMIT / 16)
#define CHUNK_BYTES (64 * 1024)

typedef struct free_block { struct free_block *next; } free_block;

static __thread free_block *free_lists[CLASSES + 1];
static __thread char *chunk_next;
static __thread char *chunk_end;

static size_t class_of(const void *block) { return *(const size_t *)((const char *)block - HEADER); }

/* The slow paths, kept out of line so that the fast ones need no stack frame. */
static __attribute__((noinline)) void *carve(size_t class) {
    size_t need = HEADER + class * 16;
    if ((size_t)(chunk_end - chunk_next) < need) {
        char *chunk = malloc(CHUNK_BYTES);  /* the rest of the old chunk, under 1 KiB, is left unused */
        if (!chunk) return NULL;
        chunk_next = chunk;
        chunk_end = chunk + CHUNK_BYTES;
    }
    char *start = chunk_next;
    chunk_next += need;
    *(size_t *)start = class;
    return start + HEADER;
}

static __attribute__((noinline)) void *allocate_large(size_t size) {
    if (size > SIZE_MAX - HEADER) return NULL;
    char *start = malloc(HEADER + size);
    if (!start) return NULL;
    *(size_t *)start = 0;
    return start + HEADER;
}

void *probelint_yaml_malloc(size_t size) {
    if (size > SMALL_LIMIT) return allocate_large(size);
    size_t class = size == 0 ? 1 : (size + 15) / 16;
    free_block *block = free_lists[class];
    if (!block) return carve(class);
    free_lists[class] = block->next;
    return block;
}

void probelint_yaml_free(void *block) {
    if (!block) return;
    size_t class = class_of(block);
    if (class == 0) {
        free((char *)block - HEADER);
        return;
    }
    free_block *freed = block;
    freed->next = free_lists[class];
    free_lists[class] = freed;
}

void *probelint_yaml_realloc(void *block, size_t size) {
    if (!block) return probelint_yaml_malloc(size);
    size_t class = class_of(block);
    if (class == 0) {  /* a large block stays large: glibc's realloc, header and all */
        if (size > SIZE_MAX - HEADER) return NULL;
        char *start = realloc((char *)block - HEADER, HEADER + size);
        return start ? start + HEADER : NULL;
    }
    if (size <= class * 16) return block;
    /* Grown past its class: a new block holding the old one's bytes. */
    void *moved = probelint_yaml_malloc(size);
    if (!moved) return NULL;
    memcpy(moved, block, class * 16);
    probelint_yaml_free(block);
    return moved;
}

char *probelint_yaml_strdup(const char *text) {
    if (!text) return NULL;
    size_t size = strlen(text) + 1;
    char *copy = probelint_yaml_malloc(size);
    if (copy) memcpy(copy, text, size);
    return copy;
}
