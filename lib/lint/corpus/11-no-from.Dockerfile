RUN echo hello
CMD ["echo"]
