/* hgvs_aa.c: amino-acid codes (one <-> three letters) and the standard
** genetic code (NCBI translation table 1). Immutable tables only. */
#include "hgvs.h"

#include <string.h>

/* ------------------------------------------------------- amino-acid codes */

/* One entry of the code table: a one-letter code and its three letters. */
typedef struct aa_code {
  char one;          /* one-letter code ('*' for the stop) */
  const char *three; /* three-letter code, HGVS spelling ("Arg", "Ter") */
} aa_code;

/* The 20 standard residues, the ambiguity codes B (Asn or Asp) and Z (Gln
** or Glu), selenocysteine U, and the stop. Xaa (an unknown residue) is not
** here on purpose: its one-letter code X means a stop in this project
** ("Q335X", the legacy notation of p.Gln335Ter), so hgvs_aa1("Xaa") is 0
** rather than a code that would read back as Ter. */
static const aa_code aa_codes[] = {
    {'A', "Ala"}, {'R', "Arg"}, {'N', "Asn"}, {'D', "Asp"}, {'C', "Cys"}, {'Q', "Gln"},
    {'E', "Glu"}, {'G', "Gly"}, {'H', "His"}, {'I', "Ile"}, {'L', "Leu"}, {'K', "Lys"},
    {'M', "Met"}, {'F', "Phe"}, {'P', "Pro"}, {'S', "Ser"}, {'T', "Thr"}, {'W', "Trp"},
    {'Y', "Tyr"}, {'V', "Val"}, {'B', "Asx"}, {'Z', "Glx"}, {'U', "Sec"}, {'*', "Ter"},
};
#define AA_NCODES (sizeof aa_codes / sizeof aa_codes[0])

/* Upper-case one-letter codes only: 'q' is not Gln. 'X' is the legacy
** stop ("Q335X"), so it maps to "Ter" like '*'. */
const char *hgvs_aa3(char aa1) {
  if (aa1 == 'X')
    aa1 = '*';
  for (size_t i = 0; i < AA_NCODES; i++)
    if (aa_codes[i].one == aa1)
      return aa_codes[i].three;
  return NULL;
}

/* Case-sensitive, as HGVS writes them: "Arg", not "ARG" or "arg". */
char hgvs_aa1(const char *aa3) {
  if (aa3 == NULL)
    return 0;
  for (size_t i = 0; i < AA_NCODES; i++)
    if (strcmp(aa_codes[i].three, aa3) == 0)
      return aa_codes[i].one;
  return 0;
}

/* ------------------------------------------------------- the genetic code */

/* NCBI translation table 1, "The Standard Code", verbatim from
** https://www.ncbi.nlm.nih.gov/Taxonomy/Utils/wprintgc.cgi#SG1 :
**
**   AAs    = FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG
**   Starts = ---M------**--*----M---------------M----------------------------
**   Base1  = TTTTTTTTTTTTTTTTCCCCCCCCCCCCCCCCAAAAAAAAAAAAAAAAGGGGGGGGGGGGGGGG
**   Base2  = TTTTCCCCAAAAGGGGTTTTCCCCAAAAGGGGTTTTCCCCAAAAGGGGTTTTCCCCAAAAGGGG
**   Base3  = TCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAGTCAG
**
** so a codon's index is 16 * b1 + 4 * b2 + b3 with T=0, C=1, A=2, G=3. */
static const char table1_aas[65] =
    "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";

/* The NCBI order of a base (T/U=0, C=1, A=2, G=3), or -1. */
static int base_order(char b) {
  switch (b) {
  case 'T':
  case 't':
  case 'U':
  case 'u':
    return 0;
  case 'C':
  case 'c':
    return 1;
  case 'A':
  case 'a':
    return 2;
  case 'G':
  case 'g':
    return 3;
  default:
    return -1;
  }
}

char hgvs_translate_codon(const char codon[3]) {
  int b1 = base_order(codon[0]), b2 = base_order(codon[1]), b3 = base_order(codon[2]);
  if (b1 < 0 || b2 < 0 || b3 < 0)
    return 0;
  return table1_aas[16 * b1 + 4 * b2 + b3];
}
