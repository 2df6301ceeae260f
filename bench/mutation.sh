#!/usr/bin/env bash
# Mutation testing of the exact core with mutmut (not in CI: it takes tens of minutes).
#
# Mutates rounding (_exact.py), number reading (io/numbers.py), expression
# evaluation (rules/_interpret.py), ratios (ratio.py) and the sums of aggregation
# (aggregation/__init__.py: _exact_sum, _to_decimal, _sum_counts), and
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
    src/cchc/rules/_interpret.py
    src/cchc/ratio.py
    src/cchc/aggregation/__init__.py
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
    'cchc.rules._interpret.x_agrees*' 'cchc.rules._interpret.x_tolerance*'
    'cchc.rules._interpret.x_decimals*' 'cchc.rules._interpret.x_to_decimal*'
    'cchc.rules._interpret.x__num*' 'cchc.rules._interpret.x__arith*'
    'cchc.rules._interpret.x_chain*' 'cchc.rules._interpret.x_add*'
    'cchc.rules._interpret.x_sub*' 'cchc.rules._interpret.x_mul*'
    'cchc.rules._interpret.x_div*' 'cchc.rules._interpret.x_neg*'
    'cchc.rules._interpret.x_abs_*' 'cchc.rules._interpret.x_min_*'
    'cchc.rules._interpret.x_max_*' 'cchc.rules._interpret.x_sum_*'
    'cchc.rules._interpret.x_whole*'
    'cchc.ratio.xǁRatioǁrounded*' 'cchc.ratio.x__number*' 'cchc.ratio.x__compute*'
    'cchc.aggregation.x__exact_sum*' 'cchc.aggregation.x__to_decimal*'
    'cchc.aggregation.x__fraction*' 'cchc.aggregation.x__sum_counts*'
  )
fi

export CI=true  # the suite's small hypothesis profile
start=$(date +%s)
"$mutmut" run --max-children "${MUTATION_JOBS:-2}" "${selection[@]}" || true
echo "elapsed: $(( $(date +%s) - start )) s (work dir: $work)"
"$mutmut" results --all false 2>/dev/null | sed -n '1,400p'
