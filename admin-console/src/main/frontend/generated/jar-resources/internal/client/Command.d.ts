/**
 * A generic command interface meant to be used for passing lambdas around.
 */
export type Command = () => void;
