"""The engines that run the stages: the local orchestrator and its process pool, and Spark."""
