"""Judge training with TRL: LoRA SFT on judgments, then DPO from the SFT adapter.

``config.py`` (what is codejudge's own; the rest passes to SFTConfig/DPOConfig),
``sft.py`` and ``dpo.py`` (one stage each, read top to bottom), ``evaluate.py``
(strict held-out accuracy), ``export.py`` (merge + model card), ``run.py`` (the
stages in order, resumable), ``accelerate/`` (DDP, FSDP, ZeRO-2/3 launch configs).
"""
