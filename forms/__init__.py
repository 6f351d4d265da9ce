"""Where residents' personal data enters: form pages, the involvement register and sign-ups."""
