"""The model layer: one interface over OpenAI-compatible endpoints, llama.cpp in process and recorded
answers, with always-validated structured output, a response cache, a cost ledger and budgets.

    from guancha.models import CallContext, Message, get_model
    model = get_model("deepseek:deepseek-chat", settings=ws.settings, db=ws.db(),
                      context=CallContext(run_id=run, watcher_id="china-ai", stage="write"))
    result = model.complete([Message(role="user", content="...")], MyPydanticType, max_tokens=800)
    result.output  # a validated MyPydanticType

This package must not import ``guancha.spec`` at import time (spec imports ``guancha.models.config``).
"""

from guancha.models.base import CallContext, Message, Model, ModelResult, Usage, estimate_tokens
from guancha.models.config import ModelPrice, ModelsSettings, ProviderSettings
from guancha.models.errors import (
    BudgetExceeded,
    ModelAuthError,
    ModelError,
    ModelOutputError,
    ModelRateLimited,
    ModelUnavailable,
)
from guancha.models.recorded import register_recorded, unregister_recorded
from guancha.models.registry import get_model, parse_model_name, watcher_model

__all__ = [
    "BudgetExceeded",
    "CallContext",
    "Message",
    "Model",
    "ModelAuthError",
    "ModelError",
    "ModelOutputError",
    "ModelPrice",
    "ModelRateLimited",
    "ModelResult",
    "ModelUnavailable",
    "ModelsSettings",
    "ProviderSettings",
    "Usage",
    "estimate_tokens",
    "get_model",
    "parse_model_name",
    "register_recorded",
    "unregister_recorded",
    "watcher_model",
]
