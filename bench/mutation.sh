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

rm -rf "$work/src" "$work/tests" "$work/mutants"
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
tests_dir =
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
  selection=(
    'cchc._exact.*'
    'cchc.io.numbers.*'
    'cchc._evaluate.*'
    'cchc.ratios.*'
    'cchc.aggregate.x__exact_sum*'
    'cchc.aggregate.x__to_decimal*'
    'cchc.aggregate.x__fraction*'
    'cchc.aggregate.x__sum_counts*'
    'cchc.aggregate.x__combine_rates*'
    'cchc.aggregate.x_aggregate_ratio*'
  )
fi

export CI=true  # the suite's small hypothesis profile
start=$(date +%s)
"$mutmut" run --max-children "${MUTATION_JOBS:-2}" "${selection[@]}" || true
echo "elapsed: $(( $(date +%s) - start )) s (work dir: $work)"
"$mutmut" results --all false 2>/dev/null | sed -n '1,400p'
