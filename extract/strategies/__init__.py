"""Ways of asking the model: the whole article at once, or small grammar-bound choices."""
