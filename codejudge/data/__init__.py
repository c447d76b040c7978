"""Judge training data: execution-labelled pairs, CodeUltraFeedback import, RISE-style sampling.

Rows are TRL conversational formats built from the judge's own prompts
(``codejudge.judge.prompts``): ``messages`` for SFT, ``prompt``/``chosen``/``rejected``
for DPO, ``prompt``/``label`` for held-out meta-evaluation; every output folder
has a card (``card.json`` + ``README.md``) with sources, counts, label balance and sha256.
"""
