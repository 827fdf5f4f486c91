# The README's commands.
.PHONY: setup run test bench lint
setup:
	bash scripts/setup.sh
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
bench:
	.venv/bin/python benchmarks/bench_extract.py
lint:
	bash scripts/lint.sh
