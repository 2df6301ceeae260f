#!/usr/bin/env bash
# Mutation testing of the exact core with mutmut (not in CI: it takes tens of minutes).
#
# Mutates rounding (_exact.py), number reading (io/numbers.py), expression
# evaluation (_evaluate.py), ratios (ratios.py) and the sums of aggregation
# (aggregate.py: _exact_sum, _sum_counts, _combine_rates, aggregate_ratio), and
# runs the fast tests of those modules against each mutant.  The work happens in a
# scratch copy, so the checkout gets no mutants/ directory and no config change.
#
#   bash bench/mutation.sh            # everything above
#   bash bench/mutation.sh 'cchc._exact.*'   # only these mutants (mutmut globs)
#
# Needs mutmut 3.8 or later (pip install 'cchc[mutation]').  Prints mutmut's
# summary and the surviving mutants; the last run's numbers are in docs/limits.md.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
mutmut="$(dirname "$python")/mutmut"
work="${MUTATION_DIR:-$(mktemp -d -t cchc-mutation.XXXXXX)}"

rm -rf "$work/src" "$work/tests"  # mutants/ stays: mutmut reuses what is still valid
cp -r "$here/src" "$here/tests" "$here/pyproject.toml" "$work/"
cd "$work"
# The mutmut section lives only in the scratch copy (setup.cfg, read when
# pyproject.toml has no [tool.mutmut]).
cat > setup.cfg <<'CFG'
[mutmut]
source_paths = src
only_mutate =
    src/cchc/_exact.py
    src/cchc/io/numbers.py
    src/cchc/_evaluate.py
    src/cchc/ratios.py
    src/cchc/aggregate.py
pytest_add_cli_args_test_selection =
    tests/test_hostile.py
    tests/test_numbers.py
    tests/test_ratios.py
    tests/test_aggregate.py
    tests/test_rules.py
    tests/test_expressions.py
    tests/test_formatting.py
pytest_add_cli_args = -p no:cacheprovider -q --no-header -o addopts=
CFG

if [ "$#" -gt 0 ]; then
  selection=("$@")
else
  # The exact core: rounding, number reading, the arithmetic of expressions
  # (agrees and its tolerance included), ratios, the sums of aggregation.
  selection=(
    'cchc._exact.*'
    'cchc.io.numbers.x__parse_numeric*'
    'cchc._evaluate.x_agrees*' 'cchc._evaluate.x_tolerance*' 'cchc._evaluate.x_decimals*'
    'cchc._evaluate.x_to_decimal*' 'cchc._evaluate.x__num*' 'cchc._evaluate.x__arith*'
    'cchc._evaluate.x_chain*' 'cchc._evaluate.x_add*' 'cchc._evaluate.x_sub*'
    'cchc._evaluate.x_mul*' 'cchc._evaluate.x_div*' 'cchc._evaluate.x_neg*'
    'cchc._evaluate.x_abs_*' 'cchc._evaluate.x_min_*' 'cchc._evaluate.x_max_*'
    'cchc._evaluate.x_sum_*' 'cchc._evaluate.x_whole*'
    'cchc.ratios.xǁRatioǁrounded*' 'cchc.ratios.x__number*' 'cchc.ratios.x__compute*'
    'cchc.aggregate.x__exact_sum*' 'cchc.aggregate.x__to_decimal*'
    'cchc.aggregate.x__fraction*' 'cchc.aggregate.x__sum_counts*'
  )
fi

export CI=true  # the suite's small hypothesis profile
start=$(date +%s)
"$mutmut" run --max-children "${MUTATION_JOBS:-2}" "${selection[@]}" || true
echo "elapsed: $(( $(date +%s) - start )) s (work dir: $work)"
"$mutmut" results --all false 2>/dev/null | sed -n '1,400p'
