/** The articles comments belong to, checked against post-war with fault tolerance. */
package io.blog.comments.article;
