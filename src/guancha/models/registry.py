"""Which class serves a model name: the provider factory, and the one table of model kinds.

A provider in ``guancha.yaml`` has a ``kind``; ``MODEL_CLASSES`` maps each kind to the class that
implements it, imported only when a model of that kind is made. Adding a kind of provider is one module
with a ``Model`` subclass and one line here. Keeping the factory out of ``base.py`` means the provider
modules import ``base`` and nothing imports them back (no base <-> provider cycle).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal

from guancha.errors import ConfigError
from guancha.models.base import CallContext, Model

if TYPE_CHECKING:
    from guancha.spec import Budget, Settings, WatcherSpec
    from guancha.store.db import Database

# provider kind -> "module:Class" of its Model subclass
MODEL_CLASSES: dict[str, str] = {
    "openai": "guancha.models.openai_compat:OpenAICompatModel",
    "local": "guancha.models.local:LocalModel",
    "recorded": "guancha.models.recorded:RecordedModel",
}


def model_class(kind: str) -> type[Model]:
    """The ``Model`` subclass for a provider kind."""
    target = MODEL_CLASSES.get(kind)
    if target is None:
        raise ConfigError(f"unknown provider kind {kind!r}", field="models.providers",
                          fix=f"use one of {', '.join(MODEL_CLASSES)}")
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    assert isinstance(cls, type) and issubclass(cls, Model), target
    return cls


def watcher_model(
    spec: WatcherSpec,
    role: Literal["writer", "judge"],
    *,
    settings: Settings,
    db: Database | None,
    run_id: str | None,
    stage: str | None = None,
    no_cache: bool = False,
) -> Model | None:
    """The writer or judge model a watcher spec names (None when it names none), with the spec's budget and
    a context for this run, so every call is recorded against the watcher and stopped by its budget."""
    name = getattr(spec.models, role)
    if not name:
        return None
    context = CallContext(run_id=run_id, watcher_id=spec.id, stage=stage or role, budget=spec.budget)
    return get_model(name, settings=settings, db=db, context=context, no_cache=no_cache)


def parse_model_name(name: str) -> tuple[str, str]:
    """``provider:model`` → (provider, model). The model part may itself contain colons or slashes."""
    provider, sep, model = name.partition(":")
    if not sep or not provider or not model:
        raise ConfigError(
            f"model name {name!r} is not of the form provider:model",
            field="models",
            fix="write e.g. 'deepseek:deepseek-chat', 'qwen:qwen-plus', 'ollama:llama3' or 'local:smollm2'",
        )
    return provider.strip().lower(), model.strip()


def get_model(
    name: str,
    *,
    settings: Settings,
    db: Database | None,
    context: CallContext | None = None,
    base_url: str | None = None,
    no_cache: bool = False,
    budget: Budget | None = None,
) -> Model:
    """The model called ``name`` (``provider:model``), recording to ``db`` (None: an in-memory ledger).

    ``base_url`` overrides the provider's endpoint; ``budget`` (or ``context.budget``) limits spending.
    Creating a model makes no request and reads no key; the first call does.
    """
    provider_name, model_id = parse_model_name(name)
    models_settings = settings.models
    provider = models_settings.provider(provider_name)
    if provider is None:
        known = ", ".join(models_settings.provider_names())
        raise ConfigError(
            f"unknown model provider {provider_name!r} in {name!r}",
            field="models",
            fix=f"use one of {known}, or define '{provider_name}' under models.providers in guancha.yaml",
        )
    ctx = context or CallContext()
    if budget is not None:
        ctx = CallContext(run_id=ctx.run_id, watcher_id=ctx.watcher_id, stage=ctx.stage, budget=budget)
    common: dict[str, Any] = {
        "provider_name": provider_name,
        "model_id": model_id,
        "provider": provider,
        "settings": models_settings,
        "db": db,
        "context": ctx,
        "base_url": base_url,
        "no_cache": no_cache,
    }
    if provider.kind == "openai" and not (base_url or provider.base_url):
        raise ConfigError(
            f"provider {provider_name!r} has no base_url",
            field=f"models.providers.{provider_name}.base_url",
            fix="set base_url in guancha.yaml or pass --base-url",
        )
    return model_class(provider.kind)(name, **common)
