/*
 * Native text functions for bulk loading delimited files into SQLite, loaded by the platform
 * when it opens a SQLite database (see open-sqlite-database.ts). Binding every field of a
 * million-line file from JavaScript costs more than parsing it; here SQLite reads the fields
 * straight from one bound buffer per chunk.
 *
 *   spine_sha256_hex(text, ...)  lowercase hex sha256 of the UTF-8 text of its arguments
 *                                concatenated (NULL when one is NULL): no string is built per row
 *   spine_delimited_lines(data, delimiter, field_count, first_line_number, plain_from_line)
 *   spine_delimited_runs(data, delimiter, field_count, first_line_number, plain_from_line,
 *                        key_fields, whole_number_fields)
 *   spine_group_sums(key, label, value, ...)  aggregate: per text key, the row count, the
 *                        smallest text label and the integer sums, as JSON (a hash aggregate: no
 *                        sort); other types fail rather than group or compare unlike SQL
 *
 * Lines end at LF, CRLF or a lone CR; a final line without an ending counts when it is not
 * empty. A line is "plain" when its number is at least plain_from_line, every byte is printable
 * ASCII (0x20-0x7E) other than a double quote, it splits into exactly field_count fields, and no
 * field is empty or starts or ends with a space: a line whose fields need no unquoting, trimming
 * or decoding. Callers handle every other line themselves, from its byte offsets.
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The SHA-extension code needs the sha target attribute: GCC 5+ or clang 3.8+ on x86. */
#if (defined(__x86_64__) || defined(__i386__)) && \
    ((defined(__clang__) && (__clang_major__ > 3 || (__clang_major__ == 3 && __clang_minor__ >= 8))) || \
     (!defined(__clang__) && defined(__GNUC__) && __GNUC__ >= 5))
#define SPINE_SHA_EXTENSIONS 1
#include <cpuid.h>
#include <immintrin.h>
#endif

/* ---- sha256 (FIPS 180-4) ---- */

typedef struct Sha256 Sha256;
typedef void (*Sha256Compression)(Sha256 *hash, const unsigned char *block);

struct Sha256 {
  uint32_t state[8];
  uint64_t length;
  unsigned char block[64];
  size_t used;
  Sha256Compression compress;
};

static const uint32_t sha256Constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTATE_RIGHT(value, bits) (((value) >> (bits)) | ((value) << (32 - (bits))))

static void sha256Compress(Sha256 *hash, const unsigned char *block) {
  uint32_t words[64], a, b, c, d, e, f, g, h;
  int i;
  for (i = 0; i < 16; i++)
    words[i] = ((uint32_t)block[4 * i] << 24) | ((uint32_t)block[4 * i + 1] << 16) |
               ((uint32_t)block[4 * i + 2] << 8) | block[4 * i + 3];
  for (i = 16; i < 64; i++) {
    uint32_t s0 = ROTATE_RIGHT(words[i - 15], 7) ^ ROTATE_RIGHT(words[i - 15], 18) ^ (words[i - 15] >> 3);
    uint32_t s1 = ROTATE_RIGHT(words[i - 2], 17) ^ ROTATE_RIGHT(words[i - 2], 19) ^ (words[i - 2] >> 10);
    words[i] = words[i - 16] + s0 + words[i - 7] + s1;
  }
  a = hash->state[0]; b = hash->state[1]; c = hash->state[2]; d = hash->state[3];
  e = hash->state[4]; f = hash->state[5]; g = hash->state[6]; h = hash->state[7];
  for (i = 0; i < 64; i++) {
    uint32_t s1 = ROTATE_RIGHT(e, 6) ^ ROTATE_RIGHT(e, 11) ^ ROTATE_RIGHT(e, 25);
    uint32_t choice = (e & f) ^ (~e & g);
    uint32_t first = h + s1 + choice + sha256Constants[i] + words[i];
    uint32_t s0 = ROTATE_RIGHT(a, 2) ^ ROTATE_RIGHT(a, 13) ^ ROTATE_RIGHT(a, 22);
    uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    h = g; g = f; f = e; e = d + first; d = c; c = b; b = a; a = first + s0 + majority;
  }
  hash->state[0] += a; hash->state[1] += b; hash->state[2] += c; hash->state[3] += d;
  hash->state[4] += e; hash->state[5] += f; hash->state[6] += g; hash->state[7] += h;
}

#ifdef SPINE_SHA_EXTENSIONS
/*
 * The same compression with the x86 SHA extensions, several times faster; used when the CPU has
 * them (see chooseCompression). State is kept as ABEF and CDGH, the layout the instructions use.
 */
__attribute__((target("sha,ssse3,sse4.1"))) static void sha256CompressWithExtensions(Sha256 *hash, const unsigned char *block) {
  const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i state0, state1, saved0, saved1, message, words[4], temporary;
  int group;
  temporary = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&hash->state[0]), 0xB1);
  state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&hash->state[4]), 0x1B);
  state0 = _mm_alignr_epi8(temporary, state1, 8);
  state1 = _mm_blend_epi16(state1, temporary, 0xF0);
  saved0 = state0;
  saved1 = state1;
  for (group = 0; group < 16; group++) {
    if (group < 4) words[group] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16 * group)), byteSwap);
    message = _mm_add_epi32(words[group % 4], _mm_loadu_si128((const __m128i *)&sha256Constants[4 * group]));
    state1 = _mm_sha256rnds2_epu32(state1, state0, message);
    if (group >= 3 && group < 15) {
      __m128i *next = &words[(group + 1) % 4];
      *next = _mm_add_epi32(*next, _mm_alignr_epi8(words[group % 4], words[(group + 3) % 4], 4));
      *next = _mm_sha256msg2_epu32(*next, words[group % 4]);
    }
    message = _mm_shuffle_epi32(message, 0x0E);
    state0 = _mm_sha256rnds2_epu32(state0, state1, message);
    if (group >= 1 && group < 13) words[(group + 3) % 4] = _mm_sha256msg1_epu32(words[(group + 3) % 4], words[group % 4]);
  }
  state0 = _mm_add_epi32(state0, saved0);
  state1 = _mm_add_epi32(state1, saved1);
  temporary = _mm_shuffle_epi32(state0, 0x1B);
  state1 = _mm_shuffle_epi32(state1, 0xB1);
  _mm_storeu_si128((__m128i *)&hash->state[0], _mm_blend_epi16(temporary, state1, 0xF0));
  _mm_storeu_si128((__m128i *)&hash->state[4], _mm_alignr_epi8(state1, temporary, 8));
}
#endif

/*
 * The compression for this connection's sha256: the SHA extensions when the CPU reports them
 * (CPUID leaf 7, EBX bit 29), unless SPINE_SHA256=portable asks for the portable code (the tests
 * check both against node:crypto). Chosen per connection, so nothing global changes after load.
 */
static Sha256Compression chooseCompression(void) {
  const char *choice = getenv("SPINE_SHA256");
  if (choice != 0 && strcmp(choice, "portable") == 0) return sha256Compress;
#ifdef SPINE_SHA_EXTENSIONS
  {
    unsigned int eax, ebx, ecx, edx;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ebx & (1u << 29)) != 0)
      return sha256CompressWithExtensions;
  }
#endif
  return sha256Compress;
}

static void sha256Start(Sha256 *hash, Sha256Compression compress) {
  static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(hash->state, initial, sizeof initial);
  hash->length = 0;
  hash->used = 0;
  hash->compress = compress;
}

static void sha256Add(Sha256 *hash, const unsigned char *bytes, size_t count) {
  hash->length += count;
  while (count > 0) {
    size_t take = 64 - hash->used;
    if (take > count) take = count;
    memcpy(hash->block + hash->used, bytes, take);
    hash->used += take;
    bytes += take;
    count -= take;
    if (hash->used == 64) {
      hash->compress(hash, hash->block);
      hash->used = 0;
    }
  }
}

static void sha256Finish(Sha256 *hash, unsigned char digest[32]) {
  uint64_t bits = hash->length * 8;
  int i;
  /* Padding is written into the block directly: one 0x80, zeros, then the length in bits. */
  hash->block[hash->used++] = 0x80;
  if (hash->used > 56) {
    memset(hash->block + hash->used, 0, 64 - hash->used);
    hash->compress(hash, hash->block);
    hash->used = 0;
  }
  memset(hash->block + hash->used, 0, 56 - hash->used);
  for (i = 0; i < 8; i++) hash->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
  hash->compress(hash, hash->block);
  for (i = 0; i < 8; i++) {
    digest[4 * i] = (unsigned char)(hash->state[i] >> 24);
    digest[4 * i + 1] = (unsigned char)(hash->state[i] >> 16);
    digest[4 * i + 2] = (unsigned char)(hash->state[i] >> 8);
    digest[4 * i + 3] = (unsigned char)hash->state[i];
  }
}

/* The sha256 of its arguments' text concatenated (NULL when any is NULL), in lowercase hex. */
static void sha256HexFunction(sqlite3_context *context, int argc, sqlite3_value **argv) {
  static const char digits[] = "0123456789abcdef";
  Sha256 hash;
  unsigned char digest[32];
  char hex[64];
  int i;
  sha256Start(&hash, (Sha256Compression)sqlite3_user_data(context));
  for (i = 0; i < argc; i++) {
    const unsigned char *text;
    int count;
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return;
    text = sqlite3_value_text(argv[i]);
    count = sqlite3_value_bytes(argv[i]);
    if (text == 0 && count > 0) {
      sqlite3_result_error_nomem(context);
      return;
    }
    sha256Add(&hash, text, (size_t)count);
  }
  sha256Finish(&hash, digest);
  for (i = 0; i < 32; i++) {
    hex[2 * i] = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  sqlite3_result_text(context, hex, 64, SQLITE_TRANSIENT);
}

/* ---- line reading shared by both tables ---- */

#define MAX_FIELDS 16
#define MAX_KEYS 4

typedef struct {
  const unsigned char *data;
  sqlite3_int64 size;
  sqlite3_int64 position; /* where the next line starts */
  unsigned char delimiter;
  int fieldCount;
  sqlite3_int64 nextLineNumber;
  sqlite3_int64 plainFromLine;
  /* the line just read */
  sqlite3_int64 lineNumber, lineStart, lineEnd;
  int plain;
  sqlite3_int64 fieldStart[MAX_FIELDS], fieldEnd[MAX_FIELDS];
} LineReader;

/* Reads the next line; returns 0 at the end of the data. */
static int readLine(LineReader *reader) {
  const unsigned char *data = reader->data;
  sqlite3_int64 position = reader->position, size = reader->size, fieldStart = position;
  int plain = 1, fields = 0, i;
  if (position >= size) return 0;
  reader->lineStart = position;
  for (; position < size; position++) {
    unsigned char byte = data[position];
    if (byte == '\n' || byte == '\r') break;
    if (byte == reader->delimiter) {
      if (fields < MAX_FIELDS) {
        reader->fieldStart[fields] = fieldStart;
        reader->fieldEnd[fields] = position;
      }
      fields++;
      fieldStart = position + 1;
    } else if (byte < 0x20 || byte > 0x7e || byte == '"') {
      plain = 0;
    }
  }
  if (fields < MAX_FIELDS) {
    reader->fieldStart[fields] = fieldStart;
    reader->fieldEnd[fields] = position;
  }
  fields++;
  reader->lineEnd = position;
  if (position < size) position += (data[position] == '\r' && position + 1 < size && data[position + 1] == '\n') ? 2 : 1;
  reader->position = position;
  reader->lineNumber = reader->nextLineNumber++;
  if (fields != reader->fieldCount || reader->lineNumber < reader->plainFromLine) plain = 0;
  for (i = 0; plain && i < fields; i++) {
    sqlite3_int64 start = reader->fieldStart[i], end = reader->fieldEnd[i];
    if (start == end || data[start] == ' ' || data[end - 1] == ' ') plain = 0;
  }
  reader->plain = plain;
  return 1;
}

static int sameField(const LineReader *reader, int field, const unsigned char *value, sqlite3_int64 length) {
  sqlite3_int64 start = reader->fieldStart[field];
  return reader->fieldEnd[field] - start == length && memcmp(reader->data + start, value, (size_t)length) == 0;
}

/* 1 to 15 ASCII digits without a leading zero (or exactly "0"): a count that reads back unchanged. */
static int isWholeNumber(const LineReader *reader, int field) {
  const unsigned char *data = reader->data;
  sqlite3_int64 start = reader->fieldStart[field], end = reader->fieldEnd[field], i;
  if (end - start < 1 || end - start > 15) return 0;
  if (data[start] == '0') return end - start == 1;
  for (i = start; i < end; i++)
    if (data[i] < '0' || data[i] > '9') return 0;
  return 1;
}

/* Reads the five arguments both tables start with. */
static int startReader(LineReader *reader, sqlite3_value **argv, char **error) {
  const unsigned char *delimiter = sqlite3_value_text(argv[1]);
  memset(reader, 0, sizeof *reader);
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB && sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
    *error = sqlite3_mprintf("data must be a blob or text");
    return SQLITE_ERROR;
  }
  reader->data = sqlite3_value_blob(argv[0]);
  reader->size = sqlite3_value_bytes(argv[0]);
  if (delimiter == 0 || sqlite3_value_bytes(argv[1]) != 1 || delimiter[0] < 0x20 || delimiter[0] > 0x7e ||
      delimiter[0] == '"' || delimiter[0] == ' ') {
    *error = sqlite3_mprintf("delimiter must be one printable ASCII character other than a space or a quote");
    return SQLITE_ERROR;
  }
  reader->delimiter = delimiter[0];
  reader->fieldCount = sqlite3_value_int(argv[2]);
  if (reader->fieldCount < 1 || reader->fieldCount > MAX_FIELDS) {
    *error = sqlite3_mprintf("field_count must be 1 to %d", MAX_FIELDS);
    return SQLITE_ERROR;
  }
  reader->nextLineNumber = sqlite3_value_int64(argv[3]);
  reader->plainFromLine = sqlite3_value_int64(argv[4]);
  return SQLITE_OK;
}

/* Both tables take their arguments as equality constraints on hidden columns, in order. */
static int bestIndexOverArguments(sqlite3_vtab *table, sqlite3_index_info *info, int firstArgument, int argumentCount) {
  int argumentConstraint[8], i;
  for (i = 0; i < argumentCount; i++) argumentConstraint[i] = -1;
  for (i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *constraint = &info->aConstraint[i];
    int argument = constraint->iColumn - firstArgument;
    if (argument < 0 || argument >= argumentCount) continue;
    if (!constraint->usable) return SQLITE_CONSTRAINT;
    if (constraint->op == SQLITE_INDEX_CONSTRAINT_EQ) argumentConstraint[argument] = i;
  }
  for (i = 0; i < argumentCount; i++) {
    if (argumentConstraint[i] < 0) {
      sqlite3_free(table->zErrMsg);
      table->zErrMsg = sqlite3_mprintf("expected %d arguments", argumentCount);
      return SQLITE_ERROR;
    }
    info->aConstraintUsage[argumentConstraint[i]].argvIndex = i + 1;
    info->aConstraintUsage[argumentConstraint[i]].omit = 1;
  }
  info->estimatedCost = 1000000;
  info->estimatedRows = 1000000;
  return SQLITE_OK;
}

static int connectTable(sqlite3 *db, const char *schema, sqlite3_vtab **out) {
  sqlite3_vtab *table;
  int rc = sqlite3_declare_vtab(db, schema);
  if (rc != SQLITE_OK) return rc;
  table = sqlite3_malloc(sizeof *table);
  if (table == 0) return SQLITE_NOMEM;
  memset(table, 0, sizeof *table);
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *out = table;
  return SQLITE_OK;
}

static int disconnectTable(sqlite3_vtab *table) {
  sqlite3_free(table);
  return SQLITE_OK;
}

/* ---- spine_delimited_lines: one row per line, with the fields of plain lines ---- */

enum {
  LINES_LINE_NUMBER,
  LINES_PLAIN,
  LINES_LINE_START,
  LINES_LINE_END,
  LINES_FIELD_1,
  LINES_DATA = LINES_FIELD_1 + MAX_FIELDS,
  LINES_ARGUMENT_COUNT = 5
};

typedef struct {
  sqlite3_vtab_cursor base;
  /* Private copies: argument values do not outlive xFilter, and the hidden columns return them. */
  sqlite3_value *arguments[LINES_ARGUMENT_COUNT];
  LineReader reader;
  int atEnd;
} LinesCursor;

static int linesConnect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **error) {
  (void)aux; (void)argc; (void)argv; (void)error;
  return connectTable(db,
    "CREATE TABLE x(line_number INTEGER, plain INTEGER, line_start INTEGER, line_end INTEGER,"
    " field_1 TEXT, field_2 TEXT, field_3 TEXT, field_4 TEXT, field_5 TEXT, field_6 TEXT, field_7 TEXT,"
    " field_8 TEXT, field_9 TEXT, field_10 TEXT, field_11 TEXT, field_12 TEXT, field_13 TEXT, field_14 TEXT,"
    " field_15 TEXT, field_16 TEXT, data HIDDEN, delimiter HIDDEN, field_count HIDDEN,"
    " first_line_number HIDDEN, plain_from_line HIDDEN)", out);
}

static int linesBestIndex(sqlite3_vtab *table, sqlite3_index_info *info) {
  return bestIndexOverArguments(table, info, LINES_DATA, LINES_ARGUMENT_COUNT);
}

static int linesOpen(sqlite3_vtab *table, sqlite3_vtab_cursor **out) {
  LinesCursor *cursor = sqlite3_malloc(sizeof *cursor);
  (void)table;
  if (cursor == 0) return SQLITE_NOMEM;
  memset(cursor, 0, sizeof *cursor);
  cursor->atEnd = 1;
  *out = &cursor->base;
  return SQLITE_OK;
}

static void releaseArguments(sqlite3_value **arguments, int count) {
  int i;
  for (i = 0; i < count; i++) {
    sqlite3_value_free(arguments[i]);
    arguments[i] = 0;
  }
}

static int linesClose(sqlite3_vtab_cursor *base) {
  LinesCursor *cursor = (LinesCursor *)base;
  releaseArguments(cursor->arguments, LINES_ARGUMENT_COUNT);
  sqlite3_free(cursor);
  return SQLITE_OK;
}

/* Copies every argument and points the reader at the copy of the data. */
static int holdArguments(sqlite3_value **held, int count, sqlite3_value **argv, LineReader *reader) {
  int i;
  releaseArguments(held, count);
  for (i = 0; i < count; i++) {
    held[i] = sqlite3_value_dup(argv[i]);
    if (held[i] == 0) return SQLITE_NOMEM;
  }
  reader->data = sqlite3_value_blob(held[0]);
  reader->size = sqlite3_value_bytes(held[0]);
  if (reader->data == 0 && reader->size > 0) return SQLITE_NOMEM;
  return SQLITE_OK;
}

static int failFilter(sqlite3_vtab_cursor *base, const char *table, char *message) {
  sqlite3_free(base->pVtab->zErrMsg);
  base->pVtab->zErrMsg = sqlite3_mprintf("%s: %s", table, message ? message : "out of memory");
  sqlite3_free(message);
  return SQLITE_ERROR;
}

static int linesFilter(sqlite3_vtab_cursor *base, int indexNumber, const char *indexString, int argc, sqlite3_value **argv) {
  LinesCursor *cursor = (LinesCursor *)base;
  char *error = 0;
  int rc;
  (void)indexNumber; (void)indexString; (void)argc;
  if (startReader(&cursor->reader, argv, &error) != SQLITE_OK) return failFilter(base, "spine_delimited_lines", error);
  rc = holdArguments(cursor->arguments, LINES_ARGUMENT_COUNT, argv, &cursor->reader);
  if (rc != SQLITE_OK) return rc;
  cursor->atEnd = !readLine(&cursor->reader);
  return SQLITE_OK;
}

static int linesNext(sqlite3_vtab_cursor *base) {
  LinesCursor *cursor = (LinesCursor *)base;
  cursor->atEnd = !readLine(&cursor->reader);
  return SQLITE_OK;
}

static int linesEof(sqlite3_vtab_cursor *base) {
  return ((LinesCursor *)base)->atEnd;
}

static int linesColumn(sqlite3_vtab_cursor *base, sqlite3_context *context, int column) {
  const LinesCursor *cursor = (LinesCursor *)base;
  const LineReader *reader = &cursor->reader;
  int field = column - LINES_FIELD_1;
  /* A hidden column is its argument, so a second constraint on it (data = x) still holds. */
  if (column >= LINES_DATA) {
    sqlite3_result_value(context, cursor->arguments[column - LINES_DATA]);
    return SQLITE_OK;
  }
  switch (column) {
    case LINES_LINE_NUMBER: sqlite3_result_int64(context, reader->lineNumber); break;
    case LINES_PLAIN: sqlite3_result_int(context, reader->plain); break;
    case LINES_LINE_START: sqlite3_result_int64(context, reader->lineStart); break;
    case LINES_LINE_END: sqlite3_result_int64(context, reader->lineEnd); break;
    default:
      if (field >= 0 && field < MAX_FIELDS && reader->plain && field < reader->fieldCount) {
        sqlite3_result_text(context, (const char *)reader->data + reader->fieldStart[field],
                            (int)(reader->fieldEnd[field] - reader->fieldStart[field]), SQLITE_TRANSIENT);
      }
  }
  return SQLITE_OK;
}

static int linesRowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid) {
  *rowid = ((LinesCursor *)base)->reader.lineNumber;
  return SQLITE_OK;
}

static sqlite3_module linesModule = {
  0, 0, linesConnect, linesBestIndex, disconnectTable, 0, linesOpen, linesClose, linesFilter,
  linesNext, linesEof, linesColumn, linesRowid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

/* ---- spine_delimited_runs: runs of plain lines sharing key fields, and every other line ---- */

enum {
  RUNS_PLAIN,
  RUNS_LINE_NUMBER,
  RUNS_LINE_COUNT,
  RUNS_WHOLE_NUMBER_LINES,
  RUNS_LINE_START,
  RUNS_LINE_END,
  RUNS_KEY_1,
  RUNS_DATA = RUNS_KEY_1 + MAX_KEYS,
  RUNS_ARGUMENT_COUNT = 7
};

typedef struct {
  sqlite3_vtab_cursor base;
  sqlite3_value *arguments[RUNS_ARGUMENT_COUNT];
  LineReader reader;
  int keys[MAX_KEYS], keyCount;
  int wholeNumberFields[MAX_FIELDS], wholeNumberCount;
  int pending; /* the reader holds a line not yet in any row */
  int atEnd;
  /* the current row */
  int plain;
  sqlite3_int64 lineNumber, lineCount, wholeNumberLines, lineStart, lineEnd;
  sqlite3_int64 keyStart[MAX_KEYS], keyEnd[MAX_KEYS];
} RunsCursor;

static int runsConnect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **error) {
  (void)aux; (void)argc; (void)argv; (void)error;
  return connectTable(db,
    "CREATE TABLE x(plain INTEGER, line_number INTEGER, line_count INTEGER, whole_number_lines INTEGER,"
    " line_start INTEGER, line_end INTEGER, key_1 TEXT, key_2 TEXT, key_3 TEXT, key_4 TEXT,"
    " data HIDDEN, delimiter HIDDEN, field_count HIDDEN, first_line_number HIDDEN, plain_from_line HIDDEN,"
    " key_fields HIDDEN, whole_number_fields HIDDEN)", out);
}

static int runsBestIndex(sqlite3_vtab *table, sqlite3_index_info *info) {
  return bestIndexOverArguments(table, info, RUNS_DATA, RUNS_ARGUMENT_COUNT);
}

static int runsOpen(sqlite3_vtab *table, sqlite3_vtab_cursor **out) {
  RunsCursor *cursor = sqlite3_malloc(sizeof *cursor);
  (void)table;
  if (cursor == 0) return SQLITE_NOMEM;
  memset(cursor, 0, sizeof *cursor);
  cursor->atEnd = 1;
  *out = &cursor->base;
  return SQLITE_OK;
}

static int runsClose(sqlite3_vtab_cursor *base) {
  RunsCursor *cursor = (RunsCursor *)base;
  releaseArguments(cursor->arguments, RUNS_ARGUMENT_COUNT);
  sqlite3_free(cursor);
  return SQLITE_OK;
}

/* Parses "1,8" into 0-based field indexes; returns how many, or -1 when malformed. */
static int parseFieldList(sqlite3_value *value, int fieldCount, int *fields, int maximum) {
  const unsigned char *text = sqlite3_value_text(value);
  int count = 0, number = -1;
  if (text == 0) return -1;
  for (;; text++) {
    if (*text >= '0' && *text <= '9') {
      number = (number < 0 ? 0 : number) * 10 + (*text - '0');
      if (number > fieldCount) return -1;
    } else if (*text == ',' || *text == 0) {
      if (number < 1 || count == maximum) return -1;
      fields[count++] = number - 1;
      number = -1;
      if (*text == 0) return count;
    } else {
      return -1;
    }
  }
}

static void runsAdvance(RunsCursor *cursor) {
  LineReader *reader = &cursor->reader;
  int i;
  if (!cursor->pending && !readLine(reader)) {
    cursor->atEnd = 1;
    return;
  }
  cursor->pending = 0;
  cursor->plain = reader->plain;
  cursor->lineNumber = reader->lineNumber;
  cursor->lineStart = reader->lineStart;
  cursor->lineEnd = reader->lineEnd;
  cursor->lineCount = 0;
  cursor->wholeNumberLines = 0;
  for (i = 0; i < cursor->keyCount; i++) {
    cursor->keyStart[i] = reader->fieldStart[cursor->keys[i]];
    cursor->keyEnd[i] = reader->fieldEnd[cursor->keys[i]];
  }
  for (;;) {
    int whole = 1;
    for (i = 0; cursor->plain && whole && i < cursor->wholeNumberCount; i++)
      whole = isWholeNumber(reader, cursor->wholeNumberFields[i]);
    cursor->lineCount++;
    if (cursor->plain && whole) cursor->wholeNumberLines++;
    cursor->lineEnd = reader->lineEnd;
    if (!cursor->plain || !readLine(reader)) return;
    for (i = 0; reader->plain && i < cursor->keyCount; i++) {
      if (!sameField(reader, cursor->keys[i], reader->data + cursor->keyStart[i], cursor->keyEnd[i] - cursor->keyStart[i])) break;
    }
    if (!reader->plain || i < cursor->keyCount) {
      cursor->pending = 1;
      return;
    }
  }
}

static int runsFilter(sqlite3_vtab_cursor *base, int indexNumber, const char *indexString, int argc, sqlite3_value **argv) {
  RunsCursor *cursor = (RunsCursor *)base;
  char *error = 0;
  int rc;
  (void)indexNumber; (void)indexString; (void)argc;
  if (startReader(&cursor->reader, argv, &error) != SQLITE_OK) return failFilter(base, "spine_delimited_runs", error);
  cursor->keyCount = parseFieldList(argv[5], cursor->reader.fieldCount, cursor->keys, MAX_KEYS);
  if (cursor->keyCount < 0)
    return failFilter(base, "spine_delimited_runs", sqlite3_mprintf("key_fields must list 1 to %d field numbers, as in '1,8'", MAX_KEYS));
  cursor->wholeNumberCount = sqlite3_value_bytes(argv[6]) == 0 ? 0
    : parseFieldList(argv[6], cursor->reader.fieldCount, cursor->wholeNumberFields, MAX_FIELDS);
  if (cursor->wholeNumberCount < 0)
    return failFilter(base, "spine_delimited_runs", sqlite3_mprintf("whole_number_fields must list field numbers, as in '6,7', or be empty"));
  rc = holdArguments(cursor->arguments, RUNS_ARGUMENT_COUNT, argv, &cursor->reader);
  if (rc != SQLITE_OK) return rc;
  cursor->pending = 0;
  cursor->atEnd = 0;
  runsAdvance(cursor);
  return SQLITE_OK;
}

static int runsNext(sqlite3_vtab_cursor *base) {
  runsAdvance((RunsCursor *)base);
  return SQLITE_OK;
}

static int runsEof(sqlite3_vtab_cursor *base) {
  return ((RunsCursor *)base)->atEnd;
}

static int runsColumn(sqlite3_vtab_cursor *base, sqlite3_context *context, int column) {
  const RunsCursor *cursor = (RunsCursor *)base;
  int key = column - RUNS_KEY_1;
  if (column >= RUNS_DATA) {
    sqlite3_result_value(context, cursor->arguments[column - RUNS_DATA]);
    return SQLITE_OK;
  }
  switch (column) {
    case RUNS_PLAIN: sqlite3_result_int(context, cursor->plain); break;
    case RUNS_LINE_NUMBER: sqlite3_result_int64(context, cursor->lineNumber); break;
    case RUNS_LINE_COUNT: sqlite3_result_int64(context, cursor->lineCount); break;
    case RUNS_WHOLE_NUMBER_LINES: sqlite3_result_int64(context, cursor->wholeNumberLines); break;
    case RUNS_LINE_START: sqlite3_result_int64(context, cursor->lineStart); break;
    case RUNS_LINE_END: sqlite3_result_int64(context, cursor->lineEnd); break;
    default:
      if (key >= 0 && key < cursor->keyCount && cursor->plain) {
        sqlite3_result_text(context, (const char *)cursor->reader.data + cursor->keyStart[key],
                            (int)(cursor->keyEnd[key] - cursor->keyStart[key]), SQLITE_TRANSIENT);
      }
  }
  return SQLITE_OK;
}

static int runsRowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid) {
  *rowid = ((RunsCursor *)base)->lineNumber;
  return SQLITE_OK;
}

static sqlite3_module runsModule = {
  0, 0, runsConnect, runsBestIndex, disconnectTable, 0, runsOpen, runsClose, runsFilter,
  runsNext, runsEof, runsColumn, runsRowid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

/* ---- spine_group_sums: a hash aggregate (SQLite's GROUP BY sorts every row first) ---- */

#define MAX_SUMS 8

typedef struct {
  char *key; /* NULL for the NULL key */
  int keyLength;
  char *label; /* the smallest non-NULL label in byte order, or NULL */
  int labelLength;
  sqlite3_int64 count;
  sqlite3_int64 sums[MAX_SUMS];
} Group;

typedef struct {
  Group *groups;
  int groupCount, slotCount, valueCount;
  int *slots; /* open addressing: index into groups + 1, 0 when empty */
  int failed;
} GroupTable;

static unsigned int hashBytes(const char *bytes, int length, int isNull) {
  unsigned int hash = isNull ? 0x9e3779b9u : 2166136261u;
  int i;
  for (i = 0; i < length; i++) hash = (hash ^ (unsigned char)bytes[i]) * 16777619u;
  return hash;
}

static int sameKey(const Group *group, const char *key, int length) {
  if (key == 0 || group->key == 0) return key == 0 && group->key == 0;
  return group->keyLength == length && memcmp(group->key, key, (size_t)length) == 0;
}

/* Byte order with the shorter of two equal prefixes first: SQLite's BINARY collation. */
static int compareBytes(const char *left, int leftLength, const char *right, int rightLength) {
  int common = leftLength < rightLength ? leftLength : rightLength;
  int order = memcmp(left, right, (size_t)common);
  return order != 0 ? order : leftLength - rightLength;
}

static char *copyBytes(const unsigned char *bytes, int length) {
  char *copy = sqlite3_malloc(length + 1);
  if (copy != 0) {
    if (length > 0) memcpy(copy, bytes, (size_t)length);
    copy[length] = 0;
  }
  return copy;
}

static int growGroups(GroupTable *table) {
  int slotCount = table->slotCount == 0 ? 64 : table->slotCount * 2, i;
  int *slots = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)slotCount);
  Group *groups = sqlite3_realloc64(table->groups, sizeof(Group) * (sqlite3_uint64)(slotCount / 2));
  if (slots == 0 || groups == 0) {
    sqlite3_free(slots);
    if (groups != 0) table->groups = groups;
    return SQLITE_NOMEM;
  }
  table->groups = groups;
  memset(slots, 0, sizeof(int) * (size_t)slotCount);
  for (i = 0; i < table->groupCount; i++) {
    unsigned int slot = hashBytes(groups[i].key, groups[i].keyLength, groups[i].key == 0) & (unsigned int)(slotCount - 1);
    while (slots[slot] != 0) slot = (slot + 1) & (unsigned int)(slotCount - 1);
    slots[slot] = i + 1;
  }
  sqlite3_free(table->slots);
  table->slots = slots;
  table->slotCount = slotCount;
  return SQLITE_OK;
}

static Group *findGroup(GroupTable *table, const unsigned char *key, int keyLength) {
  unsigned int slot;
  Group *group;
  if (table->groupCount * 2 >= table->slotCount && growGroups(table) != SQLITE_OK) return 0;
  slot = hashBytes((const char *)key, keyLength, key == 0) & (unsigned int)(table->slotCount - 1);
  while (table->slots[slot] != 0) {
    group = &table->groups[table->slots[slot] - 1];
    if (sameKey(group, (const char *)key, keyLength)) return group;
    slot = (slot + 1) & (unsigned int)(table->slotCount - 1);
  }
  group = &table->groups[table->groupCount];
  memset(group, 0, sizeof *group);
  if (key != 0) {
    group->key = copyBytes(key, keyLength);
    if (group->key == 0) return 0;
    group->keyLength = keyLength;
  }
  table->slots[slot] = ++table->groupCount;
  return group;
}

/* Marks the aggregate failed with `message` (out of memory when NULL): SQLite stops the statement. */
static void failGroups(sqlite3_context *context, GroupTable *table, const char *message) {
  if (table != 0) table->failed = 1;
  if (message == 0) sqlite3_result_error_nomem(context);
  else sqlite3_result_error(context, message, -1);
}

/* Keeps the smaller of the group's label and this row's non-NULL label; 0 when out of memory. */
static int keepSmallerLabel(Group *group, sqlite3_value *value) {
  const unsigned char *label;
  int length;
  char *copy;
  if (sqlite3_value_type(value) == SQLITE_NULL) return 1;
  label = sqlite3_value_text(value);
  length = sqlite3_value_bytes(value);
  if (label == 0) return 0;
  if (group->label != 0 && compareBytes((const char *)label, length, group->label, group->labelLength) >= 0) return 1;
  copy = copyBytes(label, length);
  if (copy == 0) return 0;
  sqlite3_free(group->label);
  group->label = copy;
  group->labelLength = length;
  return 1;
}

static void groupSumsStep(sqlite3_context *context, int argc, sqlite3_value **argv) {
  GroupTable *table = sqlite3_aggregate_context(context, sizeof *table);
  const unsigned char *key;
  Group *group;
  int i;
  if (table == 0 || table->failed) {
    if (table == 0) failGroups(context, 0, 0);
    return;
  }
  if (argc < 3 || argc > 2 + MAX_SUMS) {
    failGroups(context, table, "spine_group_sums takes a key, a label and 1 to 8 values");
    return;
  }
  /* Text only: GROUP BY would keep 1, '1' and x'31' apart, min() would compare 5 and 'b' by type. */
  for (i = 0; i < 2; i++) {
    int type = sqlite3_value_type(argv[i]);
    if (type != SQLITE_TEXT && type != SQLITE_NULL) {
      failGroups(context, table, "spine_group_sums: the key and the label must be text or NULL");
      return;
    }
  }
  table->valueCount = argc - 2;
  key = sqlite3_value_type(argv[0]) == SQLITE_NULL ? 0 : sqlite3_value_text(argv[0]);
  if (sqlite3_value_type(argv[0]) != SQLITE_NULL && key == 0) {
    failGroups(context, table, 0);
    return;
  }
  group = findGroup(table, key, key == 0 ? 0 : sqlite3_value_bytes(argv[0]));
  if (group == 0 || !keepSmallerLabel(group, argv[1])) {
    failGroups(context, table, 0);
    return;
  }
  group->count++;
  for (i = 0; i < table->valueCount; i++) {
    sqlite3_value *value = argv[2 + i];
    if (sqlite3_value_type(value) != SQLITE_INTEGER) {
      failGroups(context, table, "spine_group_sums: every value must be an integer");
      return;
    }
    if (__builtin_add_overflow(group->sums[i], sqlite3_value_int64(value), &group->sums[i])) {
      failGroups(context, table, "integer overflow");
      return;
    }
  }
}

static void appendJsonText(sqlite3_str *out, const char *text, int length) {
  int i;
  if (text == 0) {
    sqlite3_str_appendall(out, "null");
    return;
  }
  sqlite3_str_appendchar(out, 1, '"');
  for (i = 0; i < length; i++) {
    unsigned char byte = (unsigned char)text[i];
    if (byte == '"' || byte == '\\') {
      sqlite3_str_appendchar(out, 1, '\\');
      sqlite3_str_appendchar(out, 1, (char)byte);
    } else if (byte < 0x20) {
      sqlite3_str_appendf(out, "\\u%04x", byte);
    } else {
      sqlite3_str_appendchar(out, 1, (char)byte);
    }
  }
  sqlite3_str_appendchar(out, 1, '"');
}

static int compareGroups(const void *left, const void *right) {
  const Group *a = left, *b = right;
  if (a->key == 0 || b->key == 0) return (a->key != 0) - (b->key != 0);
  return compareBytes(a->key, a->keyLength, b->key, b->keyLength);
}

static void freeGroups(GroupTable *table) {
  int i;
  for (i = 0; i < table->groupCount; i++) {
    sqlite3_free(table->groups[i].key);
    sqlite3_free(table->groups[i].label);
  }
  sqlite3_free(table->groups);
  sqlite3_free(table->slots);
}

/* [[key, label, count, sum_1, ...], ...] in key byte order, NULL key first; [] for no rows. */
static void groupSumsFinal(sqlite3_context *context) {
  GroupTable *table = sqlite3_aggregate_context(context, 0);
  sqlite3_str *out;
  int i, j;
  if (table == 0) {
    sqlite3_result_text(context, "[]", 2, SQLITE_STATIC);
    return;
  }
  if (table->failed) {
    freeGroups(table);
    return;
  }
  qsort(table->groups, (size_t)table->groupCount, sizeof(Group), compareGroups);
  out = sqlite3_str_new(sqlite3_context_db_handle(context));
  sqlite3_str_appendchar(out, 1, '[');
  for (i = 0; i < table->groupCount; i++) {
    const Group *group = &table->groups[i];
    if (i > 0) sqlite3_str_appendchar(out, 1, ',');
    sqlite3_str_appendchar(out, 1, '[');
    appendJsonText(out, group->key, group->keyLength);
    sqlite3_str_appendchar(out, 1, ',');
    appendJsonText(out, group->label, group->labelLength);
    sqlite3_str_appendf(out, ",%lld", group->count);
    for (j = 0; j < table->valueCount; j++) sqlite3_str_appendf(out, ",%lld", group->sums[j]);
    sqlite3_str_appendchar(out, 1, ']');
  }
  sqlite3_str_appendchar(out, 1, ']');
  freeGroups(table);
  if (sqlite3_str_errcode(out) != SQLITE_OK) {
    int code = sqlite3_str_errcode(out);
    sqlite3_free(sqlite3_str_finish(out));
    sqlite3_result_error_code(context, code);
    return;
  }
  {
    int length = sqlite3_str_length(out);
    sqlite3_result_text(context, sqlite3_str_finish(out), length, sqlite3_free);
  }
}

/*
 * Raised whenever a function is added or changes behaviour; the platform refuses an extension
 * built from older source (NATIVE_TEXT_VERSION in native-text-extension.ts).
 */
#define SPINE_NATIVE_VERSION 1

static void nativeVersionFunction(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int(context, SPINE_NATIVE_VERSION);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_spinetext_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  int rc;
  (void)error;
  SQLITE_EXTENSION_INIT2(api);
  rc = sqlite3_create_function(db, "spine_sha256_hex", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               (void *)chooseCompression(), sha256HexFunction, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "spine_native_version", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0,
                                 nativeVersionFunction, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_module(db, "spine_delimited_lines", &linesModule, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_module(db, "spine_delimited_runs", &runsModule, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "spine_group_sums", -1, SQLITE_UTF8 | SQLITE_INNOCUOUS, 0, 0, groupSumsStep,
                                 groupSumsFinal);
  return rc;
}
